import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/engine/export/export';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { unpackPoints } from '../../src/shared/metricHistory';
import { decodeRun } from '../../src/engine/runfile/runArchive';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from './mnistData';
import { harness } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16, seed: 5 };
type H = ReturnType<typeof harness>;
const stepOf = (h: H) => h.of('status').at(-1)?.step ?? -1;
const points = (h: H) => h.of('metrics').flatMap((m) => m.points);

async function ready(h: H = harness()): Promise<H> {
  h.send({ type: 'init', config, autoModel: false });
  await h.until(() => h.of('ready').length > 0 && h.of('samples').length > 0);
  return h;
}

async function steps(h: H, n: number): Promise<void> {
  const target = stepOf(h) + n;
  h.send({ type: 'step', n });
  await h.until(() => stepOf(h) === target);
}

async function exported(h: H): Promise<ArrayBuffer> {
  const n = h.of('runExported').length;
  h.send({ type: 'exportRun' });
  await h.until(() => h.of('runExported').length > n);
  return h.of('runExported')[n].bytes;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('saving and loading runs in the worker loop', () => {
  it('pause autosaves the run with its thumbnail; a resumed run continues the curve and the losses of an uninterrupted one', async () => {
    const a = await ready();
    await steps(a, 4);
    a.send({ type: 'setHyperparams', params: { dLearningRate: 4e-4 } });
    a.send({ type: 'start' });
    await a.until(() => points(a).length >= 6);
    a.send({ type: 'pause' });
    await a.until(() => a.of('saved').length > 0);
    const saved = a.of('saved')[0];
    const stored = a.saved.get(saved.runId);
    expect(stored?.summary).toMatchObject({ model: 'mlp', step: saved.step, runId: a.of('ready')[0].runId });
    expect(stored?.summary.grid?.pixels.length).toBe(233 * 233 * 4);
    expect(saved.ms).toBeGreaterThan(0);

    // Resume in a fresh session (a reloaded page), from what autosave wrote.
    const b = await ready();
    const bytes = stored?.bytes as Uint8Array;
    b.send({ type: 'loadRun', bytes: bytes.slice().buffer, resume: true });
    await b.until(() => b.of('ready').length === 2);
    const loaded = b.of('ready')[1];
    expect(loaded.runId).toBe(saved.runId);
    expect(loaded.live.dLearningRate).toBe(4e-4);
    expect(loaded.loaded?.step).toBe(saved.step);
    expect(unpackPoints(loaded.loaded?.metrics ?? new Float64Array()).map((p) => p.step)).toEqual(
      points(a)
        .filter((p) => p.step <= saved.step)
        .map((p) => p.step),
    );
    expect(loaded.loaded?.changes).toEqual([
      { step: 4, params: { gLearningRate: 1e-3, dLearningRate: 4e-4, beta1: 0.5, dSteps: 1, labelSmoothing: 0, l1Weight: 20, cycleWeight: 10 } },
    ]);
    expect(stepOf(b)).toBe(saved.step);

    // The next steps equal what the original run does from the same point.
    const next = async (h: H) => {
      const before = points(h).length;
      await steps(h, 2);
      return points(h).slice(before);
    };
    expect(await next(b)).toEqual(await next(a));
    // Autosave goes on under the same id.
    b.send({ type: 'pause' });
    await b.until(() => b.of('saved').length > 0);
    expect(b.of('saved')[0].runId).toBe(saved.runId);
    a.send({ type: 'dispose' });
    b.send({ type: 'dispose' });
  }, 60_000);

  it('an exported run imports under a new id; a corrupt file is refused while the current run keeps training', async () => {
    const a = await ready();
    await steps(a, 3);
    const bytes = await exported(a);
    expect(decodeRun(new Uint8Array(bytes.slice(0))).meta.step).toBe(3);

    a.send({ type: 'start' });
    await a.until(() => points(a).length >= 5);
    const garbage = new Uint8Array(bytes.slice(0)).subarray(0, 2000);
    a.send({ type: 'loadRun', bytes: garbage.slice().buffer, resume: false });
    await a.until(() => a.of('error').length > 0);
    expect(a.of('error')[0]).toMatchObject({ code: 'import', recoverable: true });
    expect(a.of('error')[0].message).toMatch(/not a zip|damaged/);
    const at = points(a).length;
    await a.until(() => points(a).length > at + 3);
    expect(a.of('status').at(-1)?.status).toBe('running');
    expect(a.of('ready')).toHaveLength(1);

    a.send({ type: 'loadRun', bytes, resume: false });
    await a.until(() => a.of('ready').length === 2);
    const imported = a.of('ready')[1];
    expect(imported.runId).not.toBe(a.of('ready')[0].runId);
    expect(imported.loaded).toMatchObject({ from: 'import', step: 3 });
    expect(a.of('status').at(-1)).toMatchObject({ status: 'paused', step: 3 });
    a.send({ type: 'dispose' });
  }, 60_000);

  it('autosave runs on its interval while training, 0 turns it off, and a storage failure is reported once while training goes on', async () => {
    const h = await ready();
    h.send({ type: 'setAutosave', seconds: 1 });
    h.send({ type: 'start' });
    await h.until(() => h.of('saved').length >= 2, 20_000);
    h.send({ type: 'setAutosave', seconds: 0 });
    h.send({ type: 'pause' });
    await h.until(() => h.of('status').at(-1)?.status === 'paused');
    const count = h.of('saved').length;

    h.send({ type: 'dispose' });
    expect(count).toBeGreaterThanOrEqual(2);

    const full = await ready(harness({ saveRun: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) }));
    full.send({ type: 'setAutosave', seconds: 1 });
    full.send({ type: 'start' });
    await new Promise((r) => setTimeout(r, 3500));
    const errors = full.of('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'storage', recoverable: true });
    expect(errors[0].message).toMatch(/storage for this site is full. Training goes on/);
    const at = points(full).length;
    await full.until(() => points(full).length > at + 3);
    expect(full.of('status').at(-1)?.status).toBe('running');
    full.send({ type: 'dispose' });
  }, 60_000);

  it('opens a downloaded generator beside the run and samples it by seed', async () => {
    const t = new GanTrainer(config, mnistTrain());
    const saved = await saveModel(t.gan.generator);
    t.dispose();
    const meta = {
      app: 'ganvas',
      version: 1,
      model: 'mlp',
      latentSize: 100,
      step: 0,
      dataset: 'mnist',
      seed: 5,
      batchSize: 16,
      hyperparams: t.hyperparams,
      backend: 'cpu',
      exportedAt: '',
    } as const;
    const zip = buildGeneratorZip(saved.modelJson, saved.weights, meta);
    const h = await ready();
    h.send({ type: 'openGenerator', bytes: zip.slice().buffer, fileName: 'g.zip' });
    await h.until(() => h.of('generated').length > 0);
    expect(h.of('generatorOpened')[0]).toMatchObject({ fileName: 'g.zip', meta: { model: 'mlp', latentSize: 100 } });
    h.send({ type: 'sampleGenerator', seed: 2 });
    h.send({ type: 'sampleGenerator', seed: 1 });
    await h.until(() => h.of('generated').length === 3);
    const [first, second, again] = h.of('generated');
    expect(second.pixels).not.toEqual(first.pixels);
    expect(again.pixels).toEqual(first.pixels);
    // The latent views and the samples export read the opened generator, not the run.
    h.send({ type: 'renderLatent', request: { kind: 'interpolate', source: 'opened', seedA: 1, seedB: 2, frames: 4, path: 'slerp' } });
    h.send({ type: 'exportSamples', source: 'opened', count: 3, seed: 1 });
    await h.until(() => h.of('samplesExported').length === 1);
    expect(h.of('latentRendered')[0].images.count).toBe(4);
    expect(h.of('samplesExported')[0].fileName).toBe('ganvas-samples-opened-step-0-3.zip');
    h.send({ type: 'openGenerator', bytes: new ArrayBuffer(10), fileName: 'bad.zip' });
    await h.until(() => h.of('error').length > 0);
    expect(h.of('error')[0]).toMatchObject({ code: 'import' });
    h.send({ type: 'closeGenerator' });
    h.send({ type: 'dispose' });
  }, 60_000);
});
