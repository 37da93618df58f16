import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { harness, stateChanges } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16 };
const lastStatus = (h: ReturnType<typeof harness>) => h.of('status').at(-1);

describe('TrainingSession (the worker loop)', () => {
  it('init reports the backend, a grid and memory; Step runs exactly n steps', async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('samples').length > 0);
    const ready = h.of('ready')[0];
    expect(ready.backend).toBe('cpu');
    expect(ready.reason).toMatch(/cpu|probe/);
    expect(ready.trainImages).toBe(60000);
    const grid = h.of('samples')[0];
    expect(grid.pixels.length).toBe(grid.width * grid.height * 4);
    expect(lastStatus(h)).toMatchObject({ status: 'paused', step: 0 });

    h.send({ type: 'step', n: 3 });
    await h.until(() => lastStatus(h)?.step === 3);
    expect(h.of('metrics').flatMap((m) => m.points.map((p) => p.step))).toEqual([1, 2, 3]);
    expect(h.of('samples').at(-1)?.step).toBe(3);
    h.send({ type: 'dispose' });
  });

  it('start streams batched metrics, pause stops them; live changes are marked with their step', async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('ready').length > 0);
    h.send({ type: 'start' });
    await h.until(() => h.of('metrics').flatMap((m) => m.points).length >= 20);
    h.send({ type: 'setHyperparams', params: { gLearningRate: 2e-4 } });
    await h.until(() => h.of('hyperparams').length > 0);
    const change = h.of('hyperparams')[0];
    expect(change.params).toEqual({ gLearningRate: 2e-4, dLearningRate: 1e-3, beta1: 0.5, dSteps: 1, labelSmoothing: 0, l1Weight: 20, cycleWeight: 10 });
    expect(change.step).toBeGreaterThan(0);
    h.send({ type: 'pause' });
    await h.until(() => lastStatus(h)?.status === 'paused');
    const steps = h.of('metrics').flatMap((m) => m.points.map((p) => p.step));
    expect(steps).toEqual(steps.map((_, i) => i + 1));
    // Metrics are batched to at most ~10 messages a second.
    const t = h.timesOf('metrics');
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    expect(gaps.filter((g) => g < 90).length).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.of('metrics').flatMap((m) => m.points).length).toBe(steps.length);
    h.send({ type: 'dispose' });
  });

  it('refuses bad commands with an error event and keeps the run', async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('ready').length > 0);
    h.send({ type: 'setHyperparams', params: { dLearningRate: 0 } });
    h.send({ type: 'reset', config: { ...config, batchSize: 3 } });
    h.send({ type: 'step', n: 1 });
    await h.until(() => lastStatus(h)?.step === 1);
    const errors = h.of('error');
    expect(errors.map((e) => e.code)).toEqual(['hyperparams', 'hyperparams']);
    expect(errors[0].message).toMatch(/dLearningRate must be a number > 0/);
    expect(errors[1].message).toMatch(/batchSize/);
    expect(h.of('ready')).toHaveLength(1);
    h.send({ type: 'dispose' });
  });

  it('exports the generator as model.json + weights', async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    h.send({ type: 'step', n: 2 });
    h.send({ type: 'exportGenerator' });
    await h.until(() => h.of('exported').length > 0);
    const ex = h.of('exported')[0];
    expect(JSON.parse(ex.modelJson).format).toBe('layers-model');
    expect(ex.weights.byteLength).toBeGreaterThan(100_000);
    expect(ex.meta).toMatchObject({ model: 'mlp', step: 2, latentSize: 100, dataset: 'mnist', seed: 42, backend: 'cpu' });
    h.send({ type: 'dispose' });
    await h.until(() => tf.memory().numTensors === 0, 5000);
  });
});

describe('NaN rollback', () => {
  it('a NaN pauses the run, rolls back to the last good state and says what to try; training then goes on', async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('samples').length > 0);
    const good = await h.state();
    const before = tf.memory().numTensors;
    // Poison one discriminator weight, as a diverging run would.
    const trainer = (h as unknown as { session: { task: { gan: { discriminator: tf.LayersModel } } } }).session.task;
    const w = trainer.gan.discriminator.weights[0];
    tf.tidy(() => void w.write(tf.fill(w.shape as number[], NaN)));
    h.send({ type: 'step', n: 3 });
    await h.until(() => h.of('rolledBack').length > 0);
    await h.until(() => lastStatus(h)?.status === 'paused');
    expect(h.of('rolledBack')[0].step).toBe(0);
    const err = h.of('error').find((e) => e.code === 'nan');
    expect(err?.message).toMatch(/NaN or infinite at step 1.*went back to step 0.*Lower the learning rates/);
    // The last good state, bitwise: G, D, both optimizers, the step. (The noise and data position go on: the
    // steps after a rollback draw new batches.)
    expect(stateChanges(await h.state(), good).filter((c) => c !== 'rng' && c !== 'sampler')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    h.send({ type: 'step', n: 2 });
    await h.until(() => lastStatus(h)?.step === 2);
    const last = h.of('metrics').at(-1)?.points.at(-1);
    expect(last && Number.isFinite(last.dLoss)).toBe(true);
    h.send({ type: 'dispose' });
    await h.until(() => tf.memory().numTensors === 0, 5000);
  });
});
