import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyRun, captureRun, checkFits } from '../../src/engine/runfile/checkpoint';
import { gradientPenalty } from '../../src/engine/train/gradientPenalty';
import { defaultConfig } from '../../src/shared/hyperparams';
import { defaultDSteps } from '../../src/shared/settings';
import { discriminatorLoss } from '../../src/engine/train/losses';
import { oneHot } from '../../src/engine/models/conditional';
import { decodeRun, encodeRun, RunFileError } from '../../src/engine/runfile/runArchive';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { Refusal } from '../../src/engine/loop/refusal';
import type { LossKind, ModelKind, RunConfig } from '../../src/shared/protocol';
import { mnistTrain } from './mnistData';

const data = mnistTrain();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function small(model: ModelKind, over: Partial<RunConfig> = {}): GanTrainer {
  const loss = over.loss ?? 'bce';
  return new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed: 5, dSteps: defaultDSteps(loss), ...over }, data);
}

const weights = (m: tf.LayersModel): Float32Array[] => m.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
const allChanged = (a: Float32Array[], b: Float32Array[]): boolean => a.every((x, i) => x.some((v, j) => v !== b[i][j]));

describe.each(['bce', 'lsgan', 'hinge', 'wgan-gp'] as const)('the %s loss', (loss: LossKind) => {
  it('gives finite losses, moves every weight of both networks, and leaks no tensor', async () => {
    const t = small('mlp', { loss, dSteps: 2 });
    const [g0, d0] = [weights(t.gan.generator), weights(t.gan.discriminator)];
    const first = await t.step();
    expect([first.dLoss, first.gLoss, first.dReal, first.dFake].every(Number.isFinite)).toBe(true);
    // BCE reports D's mean probability, which a sigmoid keeps strictly inside (0, 1); the others report raw scores.
    if (loss === 'bce') for (const p of [first.dReal, first.dFake]) expect(p > 0 && p < 1, `D(x) ${p}`).toBe(true);
    expect(allChanged(g0, weights(t.gan.generator))).toBe(true);
    const d1 = weights(t.gan.discriminator);
    if (loss === 'wgan-gp') {
      // A critic's score is only defined up to a constant: neither its loss nor the penalty moves the output bias.
      expect(allChanged(d0.slice(0, -1), d1.slice(0, -1))).toBe(true);
      expect(d1.at(-1)).toEqual(d0.at(-1));
    } else {
      expect(allChanged(d0, d1)).toBe(true);
    }
    const before = tf.memory().numTensors;
    await t.steps(3);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });
});

describe('WGAN-GP', () => {
  it('penalises an input-gradient norm away from 1, and not at 1', () => {
    const real = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 1);
    const fake = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 2);
    const eps = tf.tensor1d([0.1, 0.4, 0.6, 0.9]);
    const direction = tf.randomNormal([784, 1], 0, 1, 'float32', 3);
    const unit = tf.div(direction, tf.norm(direction));
    // A linear critic's input gradient is its weight vector everywhere.
    const linear = (w: tf.Tensor) => (x: tf.Tensor) => tf.matMul(tf.reshape(x, [-1, 784]), w);
    expect(gradientPenalty(linear(unit), real, fake, eps).dataSync()[0]).toBeCloseTo(0, 4);
    expect(gradientPenalty(linear(tf.mul(unit, 2)), real, fake, eps).dataSync()[0]).toBeCloseTo(10, 3);
    tf.dispose([real, fake, eps, direction, unit]);
  });

  it("differentiates through the critic's input gradient (LeakyReLU and conv layers, double backprop) to every critic kernel", () => {
    const t = small('dcgan', { loss: 'wgan-gp' });
    const D = t.gan.discriminator;
    expect(D.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
    const real = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 1);
    const fake = tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', 2);
    const eps = tf.fill([4], 0.5);
    const { value, grads } = tf.variableGrads(() => gradientPenalty((x) => D.apply(x) as tf.Tensor, real, fake, eps), t.dVars);
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    // Biases only move LeakyReLU's kink, whose derivative is zero: the input gradient does not depend on them.
    const kernels = t.dVars.filter((w) => w.rank > 1);
    expect(kernels.length).toBe(3); // two convolutions and the dense output
    for (const v of kernels) {
      const g = grads[v.name]?.dataSync() ?? new Float32Array(0);
      expect(g.length, v.name).toBe(v.size);
      expect(g.every(Number.isFinite), v.name).toBe(true);
      expect(
        g.some((x) => x !== 0),
        v.name,
      ).toBe(true);
    }
    tf.dispose([real, fake, eps, value, ...Object.values(grads)]);
    t.dispose();
  });
});

describe('training tricks', () => {
  it('one step with a D:G ratio of 3 is three D updates on three batches and one G update', async () => {
    const t = small('mlp', { dSteps: 3 });
    await t.step();
    expect(t.dOpt.iterations).toBe(3);
    expect(t.gOpt.iterations).toBe(1);
    expect(t.position().sampler.cursor).toBe(3 * 8);
    t.setHyperparams({ dSteps: 1 });
    await t.step();
    expect([t.dOpt.iterations, t.gOpt.iterations, t.stepCount]).toEqual([4, 2, 2]);
    expect(() => t.setHyperparams({ dSteps: 0 })).toThrow(Refusal);
    t.dispose();
  });

  it('label smoothing lowers the real target: plain BCE at 0, a different D loss at 0.1', () => {
    const real = tf.tensor1d([2, 3, 4]);
    const fake = tf.tensor1d([-1, 0, 1]);
    const plain = discriminatorLoss('bce', real, fake, 1).dataSync()[0];
    const byHand = tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake))).dataSync()[0];
    expect(plain).toBeCloseTo(byHand, 6);
    // Confident real logits cost more once the target is 0.9.
    expect(discriminatorLoss('bce', real, fake, 0.9).dataSync()[0]).toBeGreaterThan(plain + 0.05);
    tf.dispose([real, fake]);
  });

  it('instance noise changes what D sees (other losses at the same seed) and stays deterministic', async () => {
    const [a, b, c] = [small('mlp'), small('mlp', { instanceNoise: 0.2 }), small('mlp', { instanceNoise: 0.2 })];
    const [pa, pb, pc] = [await a.step(), await b.step(), await c.step()];
    expect(pb.dLoss).not.toBe(pa.dLoss);
    expect(pc).toEqual(pb);
    [a, b, c].forEach((t) => t.dispose());
  });
});

describe.each(['mlp', 'dcgan'] as const)('a conditional %s', (model) => {
  it("trains, and its generator's output depends on the class", async () => {
    const t = small(model, { conditional: true, loss: 'hinge' });
    const points = await t.steps(1);
    expect(points.every((p) => Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss))).toBe(true);
    const z = tf.tile(tf.randomNormal([1, 100], 0, 1, 'float32', 4), [2, 1]);
    const out = t.generate(tf.concat([z, oneHot([3, 8])], 1) as tf.Tensor2D);
    const [three, eight] = tf.unstack(out).map((x) => x.dataSync());
    expect(Math.max(...three.map((v, i) => Math.abs(v - eight[i])))).toBeGreaterThan(1e-3);
    tf.dispose([z, out]);
    t.dispose();
  });
});

describe('the conditional sample grid', () => {
  it('shows one row per class, or the picked class over all the fixed noise', async () => {
    const t = small('mlp', { conditional: true });
    const all = await t.sampleGrid();
    expect([all.rows, all.classIndex, all.width, all.height]).toEqual([10, null, 8 * 29 + 1, 10 * 29 + 1]);
    t.setSampleClass(4);
    const four = await t.sampleGrid();
    expect([four.rows, four.classIndex, four.height]).toEqual([8, 4, 8 * 29 + 1]);
    expect(() => t.setSampleClass(10)).toThrow(/digit from 0 to 9/);
    t.dispose();
    const plain = small('mlp');
    expect(() => plain.setSampleClass(1)).toThrow(/not conditional/);
    expect((await plain.sampleGrid()).rows).toBe(8);
    plain.dispose();
  });
});

describe('a run file of a conditional WGAN-GP run', () => {
  it('round trips exactly (the next steps match an uninterrupted run) and is refused for an unconditional model', async () => {
    const original = small('mlp', { conditional: true, loss: 'wgan-gp', dSteps: 2 });
    await original.steps(2);
    original.setHyperparams({ dSteps: 3, labelSmoothing: 0.1 });
    const bytes = encodeRun(await captureRun(original, { runId: 'c1', backend: 'cpu', changes: [], metrics: new Float64Array(0) }));
    const run = decodeRun(bytes);
    expect(run.meta.config).toMatchObject({ conditional: true, loss: 'wgan-gp' });
    checkFits(run, run.meta.config, { dataset: 'mnist', count: data.count });
    const copy = new GanTrainer(run.meta.config, data);
    applyRun(copy, run);
    expect(copy.hyperparams).toMatchObject({ dSteps: 3, labelSmoothing: 0.1 });
    expect(await copy.steps(2)).toEqual(await original.steps(2));
    expect(() => checkFits(run, { ...run.meta.config, conditional: false }, { dataset: 'mnist', count: data.count })).toThrow(RunFileError);
    expect(() => checkFits(run, { ...run.meta.config, conditional: false }, { dataset: 'mnist', count: data.count })).toThrow(
      /wrong shape.*a mlp \(WGAN-GP critic/,
    );
    original.dispose();
    copy.dispose();
  });
});
