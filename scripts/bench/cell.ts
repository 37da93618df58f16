// One model x backend cell: a fresh browser (no shader caches carried over),
// the built app forced onto the backend by URL, Train, then the first-step
// time, a warm-up and a timed window on the page's own clock.
import type { Browser, Page } from 'playwright-core';
import type { BackendName, ModelKind } from '../../src/shared/protocol';
import { launch, watch } from '../browser';
import { cpuShare, cpuSnapshot, type CpuSnapshot } from './cpu';
import { readHeap } from './heap';
import { clickTrain, installRecorder, recording, tickAllCores, until, type Recording } from './recorder';
import { emptyResult, fillPartial, fillRate, noticesSince, readBackendInfo, type CellResult } from './result';
import { messageOf } from '../../src/shared/errors';

export type { CellResult } from './result';

export interface CellOptions {
  url: string;
  seconds: number;
  /** A window of this many steps instead of `seconds`. */
  steps?: number;
  k: number | 'auto';
  warmup: number;
  maxSeconds: number;
  /** The page's "Use all cores" ticked before it loads. */
  allCores?: boolean;
}

/** Flag the app's own Images/s readout when it strays this far from the measured rate. */
const APP_READOUT_TOLERANCE = 0.25;
/** The readout shows whole numbers. */
const READOUT_ROUNDING = 0.5;

/** Software WebGPU (SwiftShader) needs this flag in Chromium on Linux. */
export function browserArgs(backend: BackendName): string[] {
  return backend === 'webgpu' ? ['--enable-unsafe-webgpu'] : [];
}

/** An error notice after `t` (page clock) stops the measurement. */
function failedSince(rec: Recording, t: number): boolean {
  return rec.notices.some((n) => n.t >= t);
}

async function measure(
  page: Page,
  r: CellResult,
  o: CellOptions,
  deadline: number,
  cpu: { from: CpuSnapshot | null },
  log: (m: string) => void,
): Promise<void> {
  const elapsed = (): string => `${Math.round(o.maxSeconds - (deadline - Date.now()) / 1000)} s`;

  // 1. Train enabled, or an error notice (the backend cannot run this model).
  const settled = await until(page, (rec) => rec.readyAt !== null || rec.notices.length > 0, null, deadline);
  let rec = await recording(page);
  if (!settled) {
    const progress = await page
      .locator('.status-line .muted')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null);
    r.status = 'timeout';
    r.notes.push(`Train not enabled after ${elapsed()}${progress?.trim() ? ` (${progress.trim()})` : ''}`);
    return;
  }
  if (rec.readyAt === null) {
    r.status = 'cannot train';
    r.notes.push(...rec.notices.map((n) => n.text));
    return;
  }
  r.readySec = rec.readyAt / 1000;
  await readBackendInfo(page, r);
  log(`ready in ${r.readySec.toFixed(1)} s on ${r.detail || r.backendLine}`);

  // 2. Train. The first step includes whatever the app's probe did not already warm up.
  cpu.from = cpuSnapshot();
  await clickTrain(page);
  await until(
    page,
    (rec) => rec.samples.some((s) => s.t >= (rec.clickAt ?? 0) && s.step >= 1) || rec.notices.some((n) => n.t >= (rec.clickAt ?? 0)),
    null,
    deadline,
  );
  rec = await recording(page);
  const clickAt = rec.clickAt ?? 0;
  const first = rec.samples.find((s) => s.t >= clickAt && s.step >= 1);
  if (!first) {
    const failed = failedSince(rec, clickAt);
    r.status = failed ? 'cannot train' : 'timeout';
    r.notes.push(...(failed ? noticesSince(rec, clickAt) : [`no step within ${elapsed()} (first step still running)`]));
    return;
  }
  r.firstStepSec = (first.t - clickAt) / 1000;
  log(`first step after ${r.firstStepSec.toFixed(2)} s`);

  // 3. Warm-up, then a window that opens and closes on observed counter changes.
  const next = (rec: Recording, a: { t: number; click: number }): boolean => rec.samples.some((s) => s.t >= a.t) || rec.notices.some((n) => n.t >= a.click);
  const warmEnd = first.t + o.warmup * 1000;
  await until(page, next, { t: warmEnd, click: clickAt }, deadline);
  rec = await recording(page);
  const a = rec.samples.find((s) => s.t >= warmEnd);
  if (!a || failedSince(rec, clickAt)) {
    r.status = failedSince(rec, clickAt) ? 'failed' : 'timeout';
    r.notes.push(...noticesSince(rec, clickAt));
    if (r.status === 'timeout') r.notes.push(`warm-up not over after ${elapsed()}`);
    fillPartial(r, rec, first);
    return;
  }
  cpu.from = cpuSnapshot();
  let b;
  if (o.steps !== undefined) {
    const lastStep = a.step + o.steps;
    await until(
      page,
      (rec, x) => rec.samples.some((s) => s.step >= x.step) || rec.notices.some((n) => n.t >= x.click),
      { step: lastStep, click: clickAt },
      deadline,
    );
    rec = await recording(page);
    b = rec.samples.find((s) => s.step >= lastStep);
  } else {
    const windowEnd = a.t + o.seconds * 1000;
    await until(page, next, { t: windowEnd, click: clickAt }, deadline);
    rec = await recording(page);
    b = rec.samples.find((s) => s.t >= windowEnd);
  }
  if (!b || failedSince(rec, clickAt)) {
    r.status = failedSince(rec, clickAt) ? 'failed' : 'timeout';
    r.notes.push(...noticesSince(rec, clickAt));
    fillPartial(r, rec, a);
    return;
  }
  r.status = 'ok';
  fillRate(r, a, b, rec.samples);
}

/** Readings that make sense whenever the app got as far as Train. */
async function afterwards(browser: Browser, page: Page, r: CellResult, from: CpuSnapshot | null): Promise<void> {
  r.cpu = cpuShare(from, cpuSnapshot());
  const ips = await page
    .getByTestId('stat-ips')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  r.appImgPerSec = ips && /^\d/.test(ips) ? Number(ips.replace(/[^\d.]/g, '')) : null;
  if (
    r.status === 'ok' &&
    r.appImgPerSec !== null &&
    r.imgPerSec &&
    Math.abs(r.appImgPerSec - r.imgPerSec) > Math.max(APP_READOUT_TOLERANCE * r.imgPerSec, READOUT_ROUNDING)
  ) {
    r.notes.push(`app's Images/s readout says ${r.appImgPerSec}`);
  }
  r.heap = await readHeap(browser, page);
}

export async function runCell(model: ModelKind, backend: BackendName, o: CellOptions, log: (m: string) => void): Promise<CellResult> {
  const r = emptyResult(model, backend, o.k);
  const deadline = Date.now() + o.maxSeconds * 1000;
  const browser = await launch(browserArgs(backend));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const watched = watch(page, new URL(o.url).origin);
    await installRecorder(page);
    if (o.allCores) await tickAllCores(page);
    await page.goto(`${o.url}?backend=${backend}&model=${model}${o.k === 'auto' ? '' : `&k=${o.k}`}`);
    const cpu: { from: CpuSnapshot | null } = { from: null };
    try {
      await measure(page, r, o, deadline, cpu, log);
      if (r.readySec !== null) await afterwards(browser, page, r, cpu.from);
    } finally {
      r.consoleErrors = [...new Set(watched.errors)];
      if (watched.foreignRequests.length) r.notes.push(`requests left the origin: ${watched.foreignRequests.join(', ')}`);
    }
  } catch (e) {
    r.status = 'failed';
    r.notes.push(`bench error: ${messageOf(e).split('\n')[0]}`);
  } finally {
    await browser.close();
  }
  return r;
}
