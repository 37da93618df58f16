// What one model x backend cell measured, and the helpers that fill it in.
import type { Page } from 'playwright-core';
import type { BackendName, ModelKind } from '../../src/shared/protocol';
import type { CpuShare } from './cpu';
import type { Heap } from './heap';
import type { Recording, Sample } from './recorder';

export type CellStatus = 'ok' | 'cannot train' | 'timeout' | 'failed';

export interface CellResult {
  model: ModelKind;
  backend: BackendName;
  status: CellStatus;
  /** Adapter / renderer / build, from the app's "all backends" list. */
  detail: string;
  software: boolean | null;
  /** What the app's own backend probe measured before Train was enabled. */
  probeImgPerSec: number | null;
  /** The app's backend line (backend and why). */
  backendLine: string;
  batchSize: number | null;
  /** Navigation until Train is enabled: data, self-test, probe, building the networks. */
  readySec: number | null;
  /** Click on Train until the step counter shows >= 1. */
  firstStepSec: number | null;
  imgPerSec: number | null;
  msPerStep: number | null;
  windowSec: number | null;
  windowSteps: number | null;
  tensorsStart: number | null;
  tensorsEnd: number | null;
  peakTensors: number | null;
  /** Mean D and G update ms over the window (wasm/cpu only: the app cannot time GPU halves). */
  dMs: number | null;
  gMs: number | null;
  /** Loss read-back interval (`?k=`), or 'auto'. */
  k: number | 'auto';
  /** The app's own Images/s readout at the end of the window, for comparison. */
  appImgPerSec: number | null;
  heap: Heap | null;
  /** CPU used by the bench's browser and by everything else, over the window. */
  cpu: CpuShare | null;
  notes: string[];
  consoleErrors: string[];
}

export function emptyResult(model: ModelKind, backend: BackendName, k: number | 'auto'): CellResult {
  return {
    model,
    backend,
    k,
    peakTensors: null,
    dMs: null,
    gMs: null,
    status: 'failed',
    detail: '',
    software: null,
    probeImgPerSec: null,
    backendLine: '',
    batchSize: null,
    readySec: null,
    firstStepSec: null,
    imgPerSec: null,
    msPerStep: null,
    windowSec: null,
    windowSteps: null,
    tensorsStart: null,
    tensorsEnd: null,
    appImgPerSec: null,
    heap: null,
    cpu: null,
    notes: [],
    consoleErrors: [],
  };
}

/** "WebGL: works (software) – <detail> – 837 img/s in probe", as StatusLine renders it. */
const LI_PATTERN = /^([^:]+): (works|unavailable)( \(software\))? – (.*?)(?: – ([\d.]+) img\/s in probe)?$/s;

export async function readBackendInfo(page: Page, r: CellResult): Promise<void> {
  const info = await page.evaluate(() => ({
    line: document.querySelector('[data-testid="backend"]')?.textContent ?? '',
    items: Array.from(document.querySelectorAll('.backend-details li'), (li) => li.textContent ?? ''),
    batch: document.querySelector<HTMLInputElement>('input[name="batchSize"]')?.value ?? null,
  }));
  r.backendLine = info.line.trim();
  r.batchSize = info.batch !== null && /^\d+$/.test(info.batch.trim()) ? Number(info.batch) : null;
  if (r.batchSize === null) r.notes.push('batch size not found on the page: no img/s');
  for (const item of info.items) {
    const m = item.trim().match(LI_PATTERN);
    if (!m || m[1].toLowerCase() !== r.backend) continue;
    r.detail = m[4];
    r.software = m[3] !== undefined;
    r.probeImgPerSec = m[5] !== undefined ? Number(m[5]) : null;
  }
  const shown = r.backendLine.split(/\s/)[0]?.toLowerCase();
  if (shown && shown !== r.backend) r.notes.push(`app trains on ${shown}, not ${r.backend}`);
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Rate and tensor counts between two observed counter changes. */
export function fillRate(r: CellResult, a: Sample, b: Sample, all: Sample[] = [a, b]): void {
  const inWindow = all.filter((s) => s.t >= a.t && s.t <= b.t);
  const counts = inWindow.map((s) => s.tensors).filter((n): n is number => n !== null);
  r.peakTensors = counts.length ? Math.max(...counts) : null;
  const splits = inWindow.map((s) => s.split).filter((x): x is [number, number] => x !== null);
  r.dMs = mean(splits.map((x) => x[0]));
  r.gMs = mean(splits.map((x) => x[1]));
  const steps = b.step - a.step;
  const secs = (b.t - a.t) / 1000;
  r.windowSec = secs;
  r.windowSteps = steps;
  r.msPerStep = steps > 0 ? (secs * 1000) / steps : null;
  r.imgPerSec = r.batchSize !== null && secs > 0 ? (steps * r.batchSize) / secs : null;
  r.tensorsStart = a.tensors;
  r.tensorsEnd = b.tensors;
  if (a.tensors !== null && b.tensors !== null && b.tensors !== a.tensors) {
    r.notes.push(`tensor count changed ${a.tensors} -> ${b.tensors}`);
  }
}

/** Best-effort rate from whatever steps were seen after `from`, for cells that ran out of time. */
export function fillPartial(r: CellResult, rec: Recording, from: Sample): void {
  const last = rec.samples[rec.samples.length - 1];
  if (!last || last.step <= from.step) return;
  fillRate(r, from, last, rec.samples);
  r.notes.push(`partial window: ${r.windowSteps} steps in ${r.windowSec?.toFixed(0)} s`);
}

export function noticesSince(rec: Recording, t: number): string[] {
  return rec.notices.filter((n) => n.t >= t).map((n) => n.text);
}
