// Domain transfer (CycleGAN) between MNIST digits and Fashion-MNIST clothes:
// the cycle loss against its definition, and a short run that lowers it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleTrainer, cycleLoss } from '../../src/engine/tasks/transfer/cycleTrainer';
import { heldOut } from '../../src/engine/paired/pairedTrainer';
import { mnistTrain, servedSet } from './mnistData';

const digits = mnistTrain();

const fashion = (split: 'train' | 'test') => servedSet('fashion', split);

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('the cycle loss', () => {
  it('is zero for identity generators and for any exact inverse pair, and the mean round-trip error otherwise', () => {
    const a = tf.randomUniform([4, 28, 28, 1], -1, 1, 'float32', 1) as tf.Tensor4D;
    const b = tf.randomUniform([4, 28, 28, 1], -1, 1, 'float32', 2) as tf.Tensor4D;
    const id = (x: tf.Tensor4D) => x;
    const neg = (x: tf.Tensor4D) => tf.neg(x) as tf.Tensor4D;
    expect(cycleLoss(id, id, a, b).dataSync()[0]).toBe(0);
    expect(cycleLoss(neg, neg, a, b).dataSync()[0]).toBe(0);
    const half = (x: tf.Tensor4D) => tf.mul(x, 0.5) as tf.Tensor4D;
    const meanAbs = (t: tf.Tensor): number => Array.from(t.dataSync()).reduce((s, v) => s + Math.abs(v), 0) / t.size;
    expect(cycleLoss(half, id, a, b).dataSync()[0]).toBeCloseTo(0.5 * meanAbs(a) + 0.5 * meanAbs(b), 5);
    tf.dispose([a, b]);
  });
});

describe('CycleTrainer (digits <-> clothes)', () => {
  let trainer: CycleTrainer;
  let heldA: tf.Tensor4D;
  let heldB: tf.Tensor4D;
  beforeAll(() => {
    trainer = new CycleTrainer({ seed: 2, batchSize: 8, gLearningRate: 0.0005, dLearningRate: 0.0005, beta1: 0.5, cycleWeight: 10 }, digits, fashion('train'));
    heldA = heldOut(digits, 200);
    heldB = heldOut(fashion('test'), 200);
  });
  afterAll(() => {
    trainer.dispose();
    tf.dispose([heldA, heldB]);
  });

  it('has two generators and two critics, and shows A | A->B | A->B->A | B | B->A | B->A->B', async () => {
    expect(trainer.parts().map((p) => p.name)).toEqual(['gab', 'gba', 'da', 'db']);
    const [a, b] = [tf.slice(heldA, 0, 4), tf.slice(heldB, 0, 4)];
    const grid = await trainer.showcase(a, b);
    expect([grid.width, grid.height]).toEqual([6 * 29 + 1, 4 * 29 + 1]);
    tf.dispose([a, b]);
  });

  it('trains with flat tensors, and the held-out cycle loss falls', async () => {
    const start = await trainer.heldOutCycle(heldA, heldB);
    await trainer.steps(2);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 15; i++) await trainer.steps(10);
    expect(tf.memory().numTensors).toBe(before);
    const end = await trainer.heldOutCycle(heldA, heldB);
    console.log(`domain transfer: held-out cycle loss ${start.toFixed(3)} -> ${end.toFixed(3)} after ${trainer.stepCount} steps`);
    expect(end).toBeLessThan(start * 0.6);
  }, 300_000);
});
