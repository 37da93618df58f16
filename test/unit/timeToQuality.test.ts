// `npm run bench -- --time-to-quality` in a short form, so it cannot rot: the
// PyTorch recipe samples at given seconds of training, its samples are scored
// exactly as the app scores its own, and the table compares the two.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npy } from '../../scripts/npy';
import { formatTtqRun, nearest, type TimedScore } from '../../scripts/bench/timeToQualityTable';
import { loadClassifier, scoreFile, torchScores } from '../../scripts/bench/torchSamples';
import { QualityMonitor, qualityNoise } from '../../src/engine/quality/monitor';
import { floorAt } from '../../src/engine/quality/quality';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { defaultConfig } from '../../src/shared/hyperparams';
import { LATENT_SIZE } from '../../src/shared/settings';
import * as tf from '@tensorflow/tfjs';
import { mnistTrain } from './mnistData';
import { qualityFiles } from './qualityFiles';
import { setUpTorch } from './recipeHarness';

setUpTorch();
const SAMPLES = 1000;
const config = { ...defaultConfig('mlp'), seed: 42 };
const dir = mkdtempSync(join(tmpdir(), 'ganvas-ttq-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('time to quality, side by side (short form)', () => {
  it("scores a .npy of samples exactly as the app's quality monitor scores the same generator", async () => {
    const trainer = new GanTrainer(config, mnistTrain());
    const classifier = await loadClassifier(qualityFiles('mnist'));
    try {
      await trainer.steps(30);
      const app = await new QualityMonitor(async () => qualityFiles('mnist'), SAMPLES).evaluate(trainer);
      const z = tf.tensor2d(qualityNoise(config.seed, SAMPLES), [SAMPLES, LATENT_SIZE]);
      const images = trainer.sample(z);
      const file = join(dir, 'x.npy');
      // NCHW with one channel: the layout train.py's --sample-out writes.
      writeFileSync(file, npy((await images.data()) as Float32Array, [SAMPLES, 1, 28, 28]));
      tf.dispose([z, images]);
      const fromFile = await scoreFile(classifier, file);
      expect(fromFile.score).toBeCloseTo(app.score, 4);
      expect(fromFile.fd).toBeCloseTo(app.fd, 3);
      expect(fromFile.histogram).toEqual(app.histogram);
    } finally {
      trainer.dispose();
      classifier.dispose();
    }
  });

  it('trains ganvas (the engine) and train.py for the same seconds and tables their scores', async () => {
    const times = [1.5, 3];
    const trainer = new GanTrainer(config, mnistTrain());
    const monitor = new QualityMonitor(async () => qualityFiles('mnist'), SAMPLES);
    const classifier = await loadClassifier(qualityFiles('mnist'));
    try {
      const ganvas: TimedScore[] = [];
      let trained = 0;
      for (const at of times) {
        while (trained < at) {
          const t0 = performance.now();
          await trainer.steps(10);
          trained += (performance.now() - t0) / 1000;
        }
        const p = await monitor.evaluate(trainer);
        ganvas.push({ t: trained, step: p.step, fd: p.fd, score: p.score, modes: p.modes });
      }
      const torch = await torchScores({ model: 'mlp', seed: config.seed, batch: config.batchSize, times, threads: 1 }, classifier, () => {});
      expect(torch.map((p) => p.t >= 1.5)).toEqual([true, true]);
      expect(torch[1].step).toBeGreaterThan(torch[0].step);
      for (const p of [...ganvas, ...torch]) expect(p.score).toBeGreaterThanOrEqual(1);
      const table = formatTtqRun({
        model: 'mlp',
        seed: config.seed,
        batch: config.batchSize,
        backend: 'cpu (Node)',
        torchThreads: 1,
        rows: times.map((at, i) => ({ at, ganvas: nearest(ganvas, times)[i], torch: torch[i] })),
        real: { floor: floorAt(classifier.stats, SAMPLES), score: 9.9 },
      });
      console.log(table);
      const rows = table.split('\n').filter((l) => /^\| [\d.]+ s \|/.test(l));
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.split('|').at(-2)?.trim()).toMatch(/^\d+\.\d\d/);
    } finally {
      trainer.dispose();
      classifier.dispose();
    }
  });
});
