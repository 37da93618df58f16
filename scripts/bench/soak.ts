// --soak: train one model for a long time (a step count or a duration) and
// watch for leaks: the app's tensor count and the worker's and page's JS heap,
// sampled after a forced garbage collection so that only live memory counts.
import type { Browser, Page } from 'playwright-core';
import { launch } from '../browser';
import { browserArgs } from './cell';
import { inTrainerWorker, readHeap } from './heap';
import { clickTrain, openReady, recording } from './recorder';
import type { BackendName, ModelKind } from '../../src/shared/protocol';

export interface SoakOptions {
  url: string;
  model: ModelKind;
  /** Forced backend, or undefined for the app's own choice. */
  backend?: BackendName;
  /** Stop after this many steps, or after `seconds`. */
  steps?: number;
  seconds?: number;
  /** Seconds between readings. */
  every: number;
}

interface Reading {
  sec: number;
  step: number;
  tensors: number | null;
  workerMB: number | null;
  pageMB: number | null;
  /** Whether a quality evaluation had run: the first one loads the reference classifier, once. */
  evaluated: boolean;
}

/**
 * Tensors and heap are compared from the first reading after this share of the run (JIT, caches and chart
 * history warm up) that also follows the first quality evaluation, when the run has one.
 */
const BASELINE_AT = 0.1;

/** A major GC on the page and in the training worker, so heap readings show live objects only. */
async function collectGarbage(browser: Browser, page: Page): Promise<void> {
  const s = await page.context().newCDPSession(page);
  try {
    await s.send('HeapProfiler.collectGarbage');
  } finally {
    await s.detach();
  }
  await inTrainerWorker(browser, 'HeapProfiler.collectGarbage');
}

/**
 * Growth over the run from a least-squares line through the readings from the
 * baseline on, as a share of their mean: a small heap after GC still moves by
 * ±10% between readings, and a line separates a leak's trend from that noise.
 */
function trend(readings: Reading[], pick: (r: Reading) => number | null): string {
  const pts = readings.map((r) => [r.step, pick(r)] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (pts.length < 3) return '–';
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  const slope = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const span = pts[n - 1][0] - pts[0][0];
  const ys = pts.map((p) => p[1]);
  return `${((slope * span * 100) / my).toFixed(1)}% over ${span.toLocaleString('en-US')} steps (readings ${Math.min(...ys).toFixed(2)}–${Math.max(...ys).toFixed(2)} MB)`;
}

export async function runSoak(o: SoakOptions, log: (m: string) => void): Promise<boolean> {
  const browser = await launch(o.backend ? browserArgs(o.backend) : []);
  try {
    const { page, backendLine: line } = await openReady(browser, `${o.url}?model=${o.model}${o.backend ? `&backend=${o.backend}` : ''}`);
    const goal = o.steps !== undefined ? `${o.steps.toLocaleString('en-US')} steps` : `${o.seconds} s`;
    log(`soak: ${o.model} for ${goal} on ${line}`);
    await clickTrain(page);
    const started = Date.now();
    const readings: Reading[] = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, o.every * 1000));
      const rec = await recording(page);
      if (rec.notices.length) throw new Error(`the app reported: ${rec.notices.map((n) => n.text).join(' | ')}`);
      const last = rec.samples[rec.samples.length - 1];
      await collectGarbage(browser, page);
      const heap = await readHeap(browser, page);
      const r: Reading = {
        sec: (Date.now() - started) / 1000,
        step: last?.step ?? 0,
        tensors: last?.tensors ?? null,
        workerMB: heap.workerMB,
        pageMB: heap.pageMB,
        evaluated: rec.quality.length > 0,
      };
      readings.push(r);
      log(`${r.sec.toFixed(0)} s: step ${r.step}, ${r.tensors} tensors, worker ${r.workerMB?.toFixed(1)} MB, page ${r.pageMB?.toFixed(1)} MB`);
      if ((o.steps !== undefined && r.step >= o.steps) || (o.seconds !== undefined && r.sec >= o.seconds)) break;
    }
    const end = readings[readings.length - 1];
    const evaluates = end.evaluated;
    const base = readings.find((r) => r.sec >= BASELINE_AT * end.sec && (r.evaluated || !evaluates)) ?? end;
    const since = readings.slice(readings.indexOf(base));
    const tensorCounts = since.map((r) => r.tensors).filter((t): t is number => t !== null);
    // One or two readings past the baseline prove nothing either way.
    const judged = tensorCounts.length >= 3;
    const flat = judged && tensorCounts.every((t) => t === tensorCounts[0]);
    console.log(`Soak: ${o.model}, ${line}, ${end.step.toLocaleString('en-US')} steps in ${end.sec.toFixed(0)} s\n`);
    console.log('| reading | training s | step | tensors | worker heap MB | page heap MB |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [i, r] of readings.entries()) {
      const tag = r === base ? 'baseline' : r === end ? 'end' : String(i + 1);
      console.log(`| ${tag} | ${r.sec.toFixed(0)} | ${r.step} | ${r.tensors ?? '–'} | ${r.workerMB?.toFixed(2) ?? '–'} | ${r.pageMB?.toFixed(2) ?? '–'} |`);
    }
    if (evaluates) console.log('\nCompared from the baseline on, the first reading after the first quality evaluation (which loads the reference classifier).');
    const verdict = !judged
      ? `too few readings to judge (${tensorCounts.length}): run longer or read more often`
      : flat
        ? `flat at ${tensorCounts[0]}`
        : `NOT flat: ${Math.min(...tensorCounts)}..${Math.max(...tensorCounts)}`;
    console.log(`\ntensors from the baseline on: ${verdict}`);
    console.log(`heap trend from the baseline on (after GC, least squares): worker ${trend(since, (r) => r.workerMB)}; page ${trend(since, (r) => r.pageMB)}`);
    return flat;
  } finally {
    await browser.close();
  }
}
