// docs/quality.md: the score is taken every ~10 s of training and costs at
// most 10% of the time (the next evaluation waits >= 9x the last one's time).
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/hyperparams';
import { QualityMonitor, type QualityFiles } from '../../src/engine/qualityMonitor';
import { GanTrainer } from '../../src/engine/trainer';
import { mnistTrain } from './mnistData';

const dir = join(import.meta.dirname, '..', '..', 'public', 'models', 'mnist');
const bin = readFileSync(join(dir, 'weights.bin'));
const files: QualityFiles = {
  modelJson: readFileSync(join(dir, 'model.json'), 'utf8'),
  weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
  stats: readFileSync(join(dir, 'stats.json'), 'utf8'),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('when the quality score is taken', () => {
  it('after 10 s of training at the earliest, and after 9x the last evaluation when that took over 1.1 s', async () => {
    // A slow first evaluation (the classifier's download counts, as in the app): 2 s at least.
    const slowLoad = async () => {
      await new Promise((r) => setTimeout(r, 2000));
      return files;
    };
    const monitor = new QualityMonitor(slowLoad, 100);
    monitor.trained(9_999);
    expect(monitor.due('mnist')).toBe(false);
    monitor.trained(1);
    expect(monitor.due('mnist')).toBe(true);

    const trainer = new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8 }, mnistTrain());
    const point = await monitor.evaluate(trainer);
    expect(point.ms).toBeGreaterThanOrEqual(2000);
    const wait = 9 * point.ms;
    monitor.trained(wait - 1);
    expect(monitor.due('mnist')).toBe(false);
    monitor.trained(2);
    expect(monitor.due('mnist')).toBe(true);
    // Your own images have no classifier: never due.
    expect(monitor.due('custom')).toBe(false);
    trainer.dispose();
    monitor.dispose();
  }, 60_000);
});
