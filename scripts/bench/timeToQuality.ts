// --time-to-quality: what a user feels is time to good digits. ganvas (the
// built app in Chromium, as a visitor opens it) and PyTorch (the app's own
// exported train.py, same model, settings and seed) train for the same wall
// time; both are scored by the app's reference classifier on the same noise,
// ganvas's by its own worker, PyTorch's samples in Node.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { QUALITY_SAMPLES } from '../../src/engine/quality/monitor';
import { floorAt } from '../../src/engine/quality/quality';
import type { ModelKind } from '../../src/shared/protocol';
import { qualityFiles } from '../../test/unit/qualityFiles';
import { launch } from '../browser';
import { QUALITY_SEED } from './quality';
import { clickTrain, openReady, recording, until, type Recording } from './recorder';
import { nearest, TTQ_TIMES, type TimedScore, type TtqRun } from './timeToQualityTable';
import { loadClassifier, torchScores } from './torchSamples';

/** A run with no new evaluation for this long (wall time) is stuck. */
const STALL_MS = 180_000;

/**
 * The app's evaluations, each timed at the step it scored: the first moment
 * the step counter showed that step, in seconds since Train was clicked
 * (the evaluation itself arrives a little later).
 */
export function timedReadings(rec: Recording): TimedScore[] {
  const clickAt = rec.clickAt ?? 0;
  return rec.quality.map((q) => {
    const reached = rec.samples.find((s) => s.step >= q.step && s.t >= clickAt);
    return { t: ((reached?.t ?? q.t) - clickAt) / 1000, step: q.step, fd: q.fd, score: q.score, modes: q.modes };
  });
}

async function ganvasSide(
  url: string,
  model: ModelKind,
  times: number[],
  allCores: boolean,
  log: (m: string) => void,
): Promise<{ backend: string; batch: number; points: TimedScore[] }> {
  const browser = await launch();
  try {
    const { page, backendLine } = await openReady(browser, `${url}?model=${model}&seed=${QUALITY_SEED}`, allCores);
    const batch = Number(await page.locator('input[name="batchSize"]').inputValue());
    log(`${model}/ganvas: training until ${Math.max(...times)} s on: ${backendLine}`);
    await clickTrain(page);
    const last = Math.max(...times);
    for (;;) {
      const seen = (await recording(page)).quality.length;
      const arrived = await until(page, (r, n) => r.quality.length > n || r.notices.some((x) => x.t >= (r.clickAt ?? 0)), seen, Date.now() + STALL_MS);
      const rec = await recording(page);
      const failed = rec.notices.filter((n) => n.t >= (rec.clickAt ?? 0));
      if (failed.length) throw new Error(`the app reported: ${failed.map((n) => n.text).join(' | ')}`);
      if (!arrived) throw new Error(`no quality evaluation for ${STALL_MS / 1000} s`);
      const points = timedReadings(rec);
      const p = points.at(-1);
      if (p) log(`${model}/ganvas: ${p.t.toFixed(1)} s, step ${p.step}: score ${p.score.toFixed(2)}, FD ${p.fd.toFixed(2)}`);
      // One evaluation past the last checkpoint, so the nearest to it is known.
      if (p && p.t >= last) return { backend: backendLine.split(' – ')[0], batch, points };
    }
  } finally {
    await browser.close();
  }
}

/** One model: ganvas first, then PyTorch sampled at the moments ganvas was evaluated nearest each checkpoint. */
export async function runTimeToQuality(
  o: { url: string; model: ModelKind; torchThreads: number; allCores?: boolean },
  log: (m: string) => void,
): Promise<TtqRun> {
  const times = TTQ_TIMES[o.model];
  const app = await ganvasSide(o.url, o.model, times, o.allCores ?? false, log);
  const picked = nearest(app.points, times);
  await tf.setBackend('wasm');
  const classifier = await loadClassifier(qualityFiles('mnist'));
  try {
    const torchTimes = picked.map((p) => Math.round(p.t * 10) / 10);
    log(`${o.model}/torch: train.py sampled at ${torchTimes.join(', ')} s (the moments ganvas was evaluated), ${o.torchThreads} thread(s)`);
    const torch = await torchScores({ model: o.model, seed: QUALITY_SEED, batch: app.batch, times: torchTimes, threads: o.torchThreads }, classifier, log);
    const stats = JSON.parse(readFileSync('public/models/mnist/stats.json', 'utf8')) as { testScore: number };
    const real = { floor: floorAt(classifier.stats, QUALITY_SAMPLES), score: stats.testScore };
    return {
      model: o.model,
      seed: QUALITY_SEED,
      batch: app.batch,
      backend: app.backend,
      torchThreads: o.torchThreads,
      rows: times.map((at, i) => ({ at, ganvas: picked[i], torch: torch[i] })),
      real,
    };
  } finally {
    classifier.dispose();
  }
}
