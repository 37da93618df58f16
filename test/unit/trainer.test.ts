import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import type { Adam } from '../../src/engine/train/adam';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { Refusal } from '../../src/engine/loop/refusal';
import type { ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from './mnistData';

const data = mnistTrain();

function small(model: ModelKind, seed = 7): GanTrainer {
  return new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed }, data);
}

function snapshot(model: tf.LayersModel): Float32Array[] {
  return model.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
}

function changed(a: Float32Array[], b: Float32Array[]): boolean[] {
  return a.map((x, i) => x.some((v, j) => v !== b[i][j]));
}

async function adamState(opt: Adam, vars: tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(
    opt
      .momentsOf(vars)
      .flatMap((s) => (s ? [s.m, s.v] : []))
      .map(async (t) => (await t.data()) as Float32Array),
  );
}

const readAdam = (opt: Adam) => ({ learningRate: opt.learningRate, beta1: opt.beta1 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['mlp', 'dcgan'] as const)('GanTrainer (%s)', (model) => {
  it('a D step changes every D weight and no G weight; a G step the reverse', () => {
    const t = small(model);
    const real = tf
      .tensor4d(data.pixels.subarray(0, 8 * 784), [8, 28, 28, 1])
      .div(127.5)
      .sub(1) as tf.Tensor4D;
    const z = tf.randomNormal([8, 100], 0, 1, 'float32', 3) as tf.Tensor2D;
    const g0 = snapshot(t.gan.generator);
    const d0 = snapshot(t.gan.discriminator);
    tf.dispose(t.dStep({ real, z, classes: null }));
    const g1 = snapshot(t.gan.generator);
    const d1 = snapshot(t.gan.discriminator);
    expect(changed(g0, g1).every((c) => !c)).toBe(true);
    expect(changed(d0, d1).every((c) => c)).toBe(true);
    tf.dispose(t.gStep({ z, classes: null }));
    expect(changed(g1, snapshot(t.gan.generator)).every((c) => c)).toBe(true);
    expect(changed(d1, snapshot(t.gan.discriminator)).every((c) => !c)).toBe(true);
    tf.dispose([real, z]);
    t.dispose();
  });

  it('the same seed gives the same first-step losses; another seed does not', async () => {
    const a = small(model, 11);
    const b = small(model, 11);
    const c = small(model, 12);
    const [pa, pb, pc] = [await a.step(), await b.step(), await c.step()];
    expect(pb).toEqual(pa);
    expect(pc.dLoss).not.toBe(pa.dLoss);
    [a, b, c].forEach((t) => t.dispose());
  });
});

describe('live hyperparameters', () => {
  it('a learning-rate change keeps Adam iteration count and moments, and takes effect on the next step', async () => {
    const t = small('mlp');
    for (let i = 0; i < 3; i++) await t.step();
    const before = await adamState(t.gOpt, t.gVars);
    expect(before).toHaveLength(2 * t.gVars.length);
    expect(t.gOpt.iterations).toBe(3);
    t.setHyperparams({ gLearningRate: 5e-4, beta1: 0.6 });
    expect(await adamState(t.gOpt, t.gVars)).toEqual(before);
    expect(t.gOpt.iterations).toBe(3);
    expect(readAdam(t.gOpt)).toEqual({ learningRate: 5e-4, beta1: 0.6 });
    expect(readAdam(t.dOpt).learningRate).toBe(1e-3);
    await t.step();
    expect(t.gOpt.iterations).toBe(4);
    t.dispose();
  });

  it('the new rate scales the very next update (twice the rate, twice the first Adam step)', async () => {
    const delta = async (lr: number) => {
      const t = small('mlp', 5);
      t.setHyperparams({ gLearningRate: lr });
      const w0 = snapshot(t.gan.generator)[0];
      await t.step();
      const w1 = snapshot(t.gan.generator)[0];
      t.dispose();
      return w1.reduce((s, v, i) => s + Math.abs(v - w0[i]), 0);
    };
    const ratio = (await delta(2e-3)) / (await delta(1e-3));
    expect(ratio).toBeGreaterThan(1.95);
    expect(ratio).toBeLessThan(2.05);
  });

  it('refuses out-of-range values and changes nothing', () => {
    const t = small('mlp');
    for (const bad of [0, -1, 2, NaN]) {
      expect(() => t.setHyperparams({ gLearningRate: 5e-4, dLearningRate: bad })).toThrow(Refusal);
    }
    expect(t.hyperparams).toEqual({ gLearningRate: 1e-3, dLearningRate: 1e-3, beta1: 0.5, dSteps: 1, labelSmoothing: 0, l1Weight: 20, cycleWeight: 10 });
    expect(readAdam(t.gOpt).learningRate).toBe(1e-3);
    t.dispose();
  });

  it('refuses an invalid configuration at construction', () => {
    expect(() => new GanTrainer({ ...defaultConfig('mlp'), batchSize: 0 }, data)).toThrow(/batchSize/);
  });
});

describe('reading metrics every k steps', () => {
  it('k steps read at once give exactly the losses of k single steps, and time D and G on cpu', async () => {
    const one = small('mlp', 9);
    const batched = small('mlp', 9);
    const singles = [];
    for (let i = 0; i < 5; i++) singles.push(await one.step());
    expect(await batched.steps(5)).toEqual(singles);
    const { dMs, gMs } = batched.takeTiming();
    expect(dMs).toBeGreaterThan(0);
    expect(gMs).toBeGreaterThan(0);
    expect(batched.takeTiming()).toEqual({ dMs: null, gMs: null });
    one.dispose();
    batched.dispose();
  });

  it('refuses a read interval outside 1..100', () => {
    for (const readEvery of [0, 101, 2.5]) expect(() => new GanTrainer({ ...defaultConfig('mlp'), readEvery }, data)).toThrow(/readEvery/);
  });
});

describe('finding NaN weights', () => {
  it('sees a NaN that no loss shows: a BatchNorm moving mean is unused in training, yet poisons every sample', async () => {
    const t = small('dcgan');
    expect(await t.weightsFinite()).toBe(true);
    const movingMean = t.gan.generator.weights.find((w) => w.name.includes('moving_mean'));
    if (!movingMean) throw new Error('dcgan has no BatchNorm moving mean');
    tf.tidy(() => void movingMean.write(tf.fill(movingMean.shape as number[], NaN)));
    const p = await t.step();
    expect([p.dLoss, p.gLoss].every(Number.isFinite)).toBe(true);
    expect(await t.weightsFinite()).toBe(false);
    t.dispose();
  });
});

describe('memory', () => {
  it('numTensors is the same after step 10 and step 200, and back to zero after dispose', async () => {
    const start = tf.memory().numTensors;
    const t = small('mlp');
    for (let i = 0; i < 10; i++) await t.step();
    const at10 = tf.memory().numTensors;
    for (let i = 10; i < 200; i++) await t.step();
    expect(tf.memory().numTensors).toBe(at10);
    const grid = await t.sampleGrid();
    expect(tf.memory().numTensors).toBe(at10);
    expect([grid.width, grid.height]).toEqual([233, 233]);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
