// docs/quality.md: the score is taken every ~10 s of training and costs at
// most 10% of the time (the next evaluation waits >= 9x the last one's time);
// it leaves the training streams alone; a class is covered from 2.5% of the
// samples; the score runs 1 to 10, KL 0 to ln 10.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { classStats } from '../../src/engine/quality/quality';
import { QualityMonitor } from '../../src/engine/quality/monitor';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from './mnistData';
import { qualityFiles } from './qualityFiles';

const files = qualityFiles('mnist');

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

describe('an evaluation between steps', () => {
  it('changes nothing in training: the run steps on exactly as a run that was never evaluated', async () => {
    const config = { ...defaultConfig('mlp'), batchSize: 8, seed: 3 };
    const data = mnistTrain();
    const [a, b] = [new GanTrainer(config, data), new GanTrainer(config, data)];
    await a.steps(2);
    await b.steps(2);
    const monitor = new QualityMonitor(async () => files, 100);
    await monitor.evaluate(a);
    expect(await a.steps(3)).toEqual(await b.steps(3));
    [a, b, monitor].forEach((x) => x.dispose());
  }, 60_000);
});

/** n confident rows: classes[i] is row i's class. */
function oneHot(classes: number[]): Float32Array {
  const probs = new Float32Array(classes.length * 10);
  classes.forEach((c, i) => (probs[i * 10 + c] = 1));
  return probs;
}

describe('class statistics of the samples', () => {
  it('a class is covered from 2.5% of the samples: 25 of 1000 count, 24 do not', () => {
    const classes = [...new Array(951).fill(0), ...new Array(25).fill(1), ...new Array(24).fill(2)];
    expect(classStats(oneHot(classes), 1000).modes).toBe(2);
  });

  it('score 1 and KL ln 10 for one class; score 10 and KL 0 for an even, confident spread', () => {
    const one = classStats(oneHot(new Array(1000).fill(3)), 1000);
    expect(one.score).toBeCloseTo(1, 6);
    expect(one.kl).toBeCloseTo(Math.log(10), 6);
    const even = classStats(oneHot(Array.from({ length: 1000 }, (_, i) => i % 10)), 1000);
    expect(even.score).toBeCloseTo(10, 4);
    expect(even.kl).toBeCloseTo(0, 6);
  });
});
