// The bench's reference: the same networks trained the way other in-browser
// GAN demos do it (plain tfjs Layers, trainOnBatch, the page's main thread;
// see reference/gan.ts), in a fresh headless Chromium per call.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { MNIST_FILES } from '../../src/engine/data/mnist';
import type { BackendName, ModelKind } from '../../src/shared/protocol';
import { launch, watch } from '../browser';
import { browserArgs } from './cell';
import type { PageReport, StepTiming } from './reference/types';
import { messageOf } from '../../src/shared/errors';

export type ReferenceStatus = 'ok' | 'timeout' | 'failed';

export interface ReferenceResult {
  model: ModelKind;
  backend: BackendName;
  status: ReferenceStatus;
  imgPerSec: number | null;
  msPerStep: number | null;
  /** Mean ms of a step's D part (real and fake batch, G.predict, two trainOnBatch). */
  dMs: number | null;
  /** Mean ms of a step's G part (the combined model's trainOnBatch). */
  gMs: number | null;
  firstStepSec: number | null;
  peakTensors: number | null;
  notes: string[];
}

export interface ReferenceOptions {
  /** Measurement window, seconds. */
  seconds: number;
  /** Training after the first step before the window opens, seconds. */
  warmup: number;
  /** Cap from browser launch to the end of the window, seconds; then 'timeout' with a partial rate. */
  maxSeconds: number;
}

const CONFIG = 'scripts/bench/reference/vite.config.ts';
const BUILT = 'dist-reference/index.html';
/** What the page's bundle is made of: a change in any of them makes dist-reference/ stale. */
const INPUTS = ['scripts/bench/reference', 'src/engine', 'src/shared', 'package-lock.json'];
/** How often Node reads the page's progress. */
const POLL_MS = 1000;
/** A read may finish this long after the deadline, so the last one still counts. */
const READ_GRACE_MS = 2000;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

async function ensureBuild(log: (m: string) => void): Promise<void> {
  const data = join('public', 'data', 'mnist', MNIST_FILES.trainImages);
  if (!existsSync(data)) throw new Error(`${data} is missing: run \`npx tsx scripts/prepare-data.ts\``);
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  if (built && built >= Math.max(...INPUTS.map(newestMtime))) return;
  log(built ? 'dist-reference/ is older than its sources: building the reference page' : 'building the reference page into dist-reference/');
  // logLevel 'warn': warnings go to stderr; stdout belongs to the bench's table.
  await build({ configFile: CONFIG, logLevel: 'warn' });
}

interface PageState {
  report: PageReport | null;
  error: string | null;
}

/** null if the page does not answer by `by` (its main thread can sit in one long WebGL call). */
async function readState(page: Page, by: number): Promise<PageState | null> {
  const read = page
    .evaluate(() => ({
      report: window.__referenceResult ?? window.__referenceProgress ?? null,
      error: window.__referenceError ?? null,
    }))
    .catch(() => null);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, by - Date.now()))));
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Rate and D/G split over `steps`, which ran back to back from `from` (page clock). */
function fillRate(r: ReferenceResult, batchSize: number, from: number, steps: StepTiming[]): void {
  if (!steps.length) return;
  const ms = steps[steps.length - 1].end - from;
  r.msPerStep = ms / steps.length;
  r.imgPerSec = (steps.length * batchSize) / (ms / 1000);
  r.dMs = mean(steps.map((s) => s.dMs));
  r.gMs = mean(steps.map((s) => s.gMs));
}

function fill(r: ReferenceResult, p: PageReport): void {
  if (p.detail) r.notes.push(p.detail);
  r.peakTensors = p.peakTensors || null;
  if (p.firstStart !== null && p.firstEnd !== null) r.firstStepSec = (p.firstEnd - p.firstStart) / 1000;
  if (p.losses) r.notes.push(`last losses D ${p.losses.d.toFixed(3)}, G ${p.losses.g.toFixed(3)}`);
  if (r.status === 'ok' && p.windowStart !== null) {
    const start = p.windowStart;
    fillRate(
      r,
      p.batchSize,
      start,
      p.steps.filter((s) => s.end > start),
    );
  } else if (p.firstEnd !== null && p.steps.length) {
    // Stopped early: the best rate there is, from every step after the first.
    fillRate(r, p.batchSize, p.firstEnd, p.steps);
    r.notes.push(`partial: ${p.steps.length} steps in ${((p.steps[p.steps.length - 1].end - p.firstEnd) / 1000).toFixed(0)} s after the first`);
  }
}

/** Trains `model` on `backend` in the reference page and measures it; never throws. */
export async function runReference(model: ModelKind, backend: BackendName, opts: ReferenceOptions, log: (m: string) => void): Promise<ReferenceResult> {
  const r: ReferenceResult = {
    model,
    backend,
    status: 'failed',
    imgPerSec: null,
    msPerStep: null,
    dMs: null,
    gMs: null,
    firstStepSec: null,
    peakTensors: null,
    notes: [],
  };
  try {
    await ensureBuild(log);
  } catch (e) {
    r.notes.push(`reference build failed: ${messageOf(e).split('\n')[0]}`);
    return r;
  }
  const deadline = Date.now() + opts.maxSeconds * 1000;
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    // vite preview starts in-process in ~20 ms: one server per call, nothing left running.
    server = await preview({ configFile: CONFIG, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
    browser = await launch(browserArgs(backend));
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview has no local URL');
    const page = await browser.newPage();
    const watched = watch(page, new URL(url).origin);
    // An exception outside the page's own catch (e.g. while the bundle loads) would otherwise wait for the cap.
    let crashed = false;
    page.on('pageerror', () => (crashed = true));
    await page.goto(`${url}?model=${model}&backend=${backend}&seconds=${opts.seconds}&warmup=${opts.warmup}`);
    let last: PageState | null = null;
    for (;;) {
      const state = await readState(page, deadline + READ_GRACE_MS);
      if (state?.report && state.report.phase !== last?.report?.phase) log(`reference page: ${state.report.phase}`);
      last = state ?? last;
      if (state?.error) r.notes.push(state.error);
      if (state?.error || crashed) break;
      if (state?.report?.phase === 'done' || Date.now() >= deadline) {
        r.status = state?.report?.phase === 'done' ? 'ok' : 'timeout';
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, deadline - Date.now())));
    }
    if (last?.report) fill(r, last.report);
    if (r.status === 'timeout') r.notes.push(`cap of ${opts.maxSeconds} s reached in ${last?.report?.phase ?? 'page load'}`);
    r.notes.push(...new Set(watched.errors));
  } catch (e) {
    r.status = 'failed';
    r.notes.push(`reference error: ${messageOf(e).split('\n')[0]}`);
  } finally {
    await browser?.close();
    await server?.close();
  }
  return r;
}
