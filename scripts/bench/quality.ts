// --quality: is it learning? Trains each model in the real app from a fixed
// seed for a fixed number of steps (so a busy machine gives the same curve,
// only slower) and collects the app's own quality evaluations (every ~10 s of
// training, in the worker) from the quality chart's data attributes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_LABELS } from '../../src/shared/choices/models';
import type { ModelKind } from '../../src/shared/protocol';
import { launch } from '../browser';
import { cpuShare, cpuSnapshot } from './cpu';
import { saveGrid } from './grid';
import type { QualityRun } from './qualityTable';
import { clickTrain, openReady, recording, until } from './recorder';

/** The seed every run starts from (the app's default, set explicitly so a new default does not move the curve). */
export const QUALITY_SEED = 42;
/** A run with no new evaluation for this long (wall time) is stuck. */
const STALL_MS = 600_000;

export interface QualityOptions {
  url: string;
  model: ModelKind;
  steps: number;
  imgDir: string;
}

export async function runQuality(o: QualityOptions, log: (m: string) => void): Promise<QualityRun> {
  // A default Chromium, as a visitor's would be: the app picks the backend.
  const browser = await launch();
  try {
    const { page, backendLine: line } = await openReady(browser, `${o.url}?model=${o.model}&seed=${QUALITY_SEED}`);
    let rec = await recording(page);
    const batch = Number(await page.locator('input[name="batchSize"]').inputValue());
    const seed = Number(await page.locator('input[name="seed"]').inputValue());
    log(`${o.model}: training ${o.steps} steps (seed ${seed}, batch ${batch}) on: ${line}`);
    // "WASM – fastest in a probe: ...": the table needs only the name.
    const backend = line.split(' – ')[0];
    const cpuFrom = cpuSnapshot();
    await clickTrain(page);
    // Until an evaluation at or past the budget; each wait ends at the next evaluation.
    for (;;) {
      const seen = rec.quality.length;
      const arrived = await until(page, (r, n) => r.quality.length > n || r.notices.some((x) => x.t >= (r.clickAt ?? 0)), seen, Date.now() + STALL_MS);
      rec = await recording(page);
      const failed = rec.notices.filter((n) => n.t >= (rec.clickAt ?? 0));
      if (failed.length) throw new Error(`the app reported: ${failed.map((n) => n.text).join(' | ')}`);
      if (!arrived) throw new Error(`no quality evaluation for ${STALL_MS / 1000} s (step ${rec.samples.at(-1)?.step ?? 0})`);
      const q = rec.quality.at(-1);
      if (!q) continue;
      log(`${o.model}: step ${q.step}: FD ${q.fd.toFixed(2)} (floor ${q.floor.toFixed(2)}), score ${q.score.toFixed(2)}, ${q.modes} classes`);
      if (q.step >= o.steps) break;
    }
    const cpu = cpuShare(cpuFrom, cpuSnapshot());
    // Pause: the worker sends the grid of the last step, which is the one saved.
    await page.locator('button.primary').click();
    await until(page, () => document.querySelector<HTMLButtonElement>('button.primary')?.textContent?.trim() === 'Train', null, Date.now() + STALL_MS);
    const stopped = await page.getByTestId('stat-step').textContent();
    const lastStep = Number((stopped ?? '').replace(/\D/g, ''));
    await until(
      page,
      (_r, step) => Number(document.querySelector<HTMLCanvasElement>('canvas.grid-canvas')?.dataset.step) === step,
      lastStep,
      Date.now() + 30_000,
    );
    mkdirSync(o.imgDir, { recursive: true });
    const file = join(o.imgDir, `quality-${o.model}.png`);
    const shot = await saveGrid(page, file);
    const clickAt = rec.clickAt ?? 0;
    return {
      label: MODEL_LABELS[o.model],
      seed,
      batch,
      backend,
      budget: o.steps,
      readings: rec.quality.map((q) => ({ ...q, t: q.t - clickAt })),
      cpu,
      grid: { file, step: shot.gridStep },
    };
  } finally {
    await browser.close();
  }
}
