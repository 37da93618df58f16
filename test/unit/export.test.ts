import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratorZip, saveModel } from '../../src/engine/export/export';
import { buildGeneratorZip, GeneratorFileError, generatorFileName, readGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ExportMeta, ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from './mnistData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function meta(model: ModelKind, step: number): ExportMeta {
  return {
    app: 'ganvas',
    version: 1,
    model,
    latentSize: 100,
    step,
    dataset: 'mnist',
    seed: 3,
    batchSize: 8,
    hyperparams: { gLearningRate: 1e-3, dLearningRate: 1e-3, beta1: 0.5, dSteps: 1, labelSmoothing: 0, l1Weight: 20, cycleWeight: 10 },
    backend: 'cpu',
    exportedAt: '2026-11-24T00:00:00.000Z',
  };
}

describe.each(['mlp', 'dcgan', 'dcgan-lite', 'dcgan-seed'] as const)('generator export (%s)', (model) => {
  it('reloads from the zip in Node and gives the same images for the same z', async () => {
    const t = new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed: 3 }, mnistTrain());
    await t.step();
    const saved = await saveModel(t.gan.generator);
    const zip = buildGeneratorZip(saved.modelJson, saved.weights, meta(model, t.stepCount));
    const files = readGeneratorZip(zip);
    expect(files.meta.model).toBe(model);
    expect(files.meta.step).toBe(1);
    expect(generatorFileName(files.meta)).toBe(`ganvas-${model}-mnist-step1.zip`);

    const { model: loaded } = await loadGeneratorZip(zip);
    const z = tf.randomNormal([4, 100], 0, 1, 'float32', 9) as tf.Tensor2D;
    const mine = t.generate(z);
    const theirs = loaded.predict(z) as tf.Tensor;
    expect(theirs.shape).toEqual([4, 28, 28, 1]);
    const [a, b] = [await mine.data(), await theirs.data()];
    // tanh: inside [-1, 1] and on both sides of 0 (a sigmoid or ReLU would stay above 0, a linear layer leave the range).
    // An untrained G spans only about ±0.4 here, so "most of the range" is checked on a stepped G in phaseStepper.test.ts.
    expect(Math.max(...b)).toBeLessThanOrEqual(1);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...b)).toBeGreaterThan(0);
    expect(Math.min(...b)).toBeLessThan(0);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
    tf.dispose([z, mine, theirs]);
    loaded.dispose();
    t.dispose();
  });
});

describe('generator zip', () => {
  it('names what is missing when the zip is not a generator', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const zip = zipSync({ 'model.json': strToU8('{}') });
    expect(() => readGeneratorZip(zip)).toThrow(/weights\.bin is missing/);
  });

  it('includes a README saying how to load it in the browser, Node and Python', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const zip = buildGeneratorZip('{}', new ArrayBuffer(4), meta('mlp', 10));
    const readme = strFromU8(unzipSync(zip)['README.md']);
    expect(readme).toMatch(/tf\.loadLayersModel/);
    expect(readme).toMatch(/tf\.io\.fromMemory/);
    expect(readme).toMatch(/tensorflowjs_converter/);
  });
});

describe('opening a generator file', () => {
  let good: { modelJson: string; weights: ArrayBuffer };
  beforeAll(async () => {
    const t = new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, seed: 3 }, mnistTrain());
    good = await saveModel(t.gan.generator);
    t.dispose();
  });
  const rejects = async (zip: Uint8Array, message: RegExp) => {
    const error = await loadGeneratorZip(zip).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GeneratorFileError);
    expect((error as Error).message).toMatch(message);
  };
  const withJson = (
    edit: (json: { modelTopology: { config: { layers: { class_name: string }[] } }; weightsManifest: { weights: { shape: number[] }[] }[] }) => void,
  ) => {
    const json = JSON.parse(good.modelJson) as Parameters<typeof edit>[0];
    edit(json);
    return buildGeneratorZip(JSON.stringify(json), good.weights, meta('mlp', 1));
  };

  it('refuses custom layers, weights that do not fill weights.bin, and a model that is not a generator', async () => {
    await rejects(
      withJson((j) => (j.modelTopology.config.layers[0].class_name = 'EvilLambda')),
      /layer "EvilLambda", which a ganvas generator never has/,
    );
    await rejects(
      withJson((j) => (j.weightsManifest[0].weights[0].shape = [100, 64])),
      /weights\.bin has \d+ bytes; model\.json needs/,
    );
    await rejects(buildGeneratorZip('{"format": 1}', good.weights, meta('mlp', 1)), /not a tfjs Sequential layers model/);
    await rejects(
      buildGeneratorZip(good.modelJson, good.weights, { ...meta('mlp', 1), latentSize: 64 }),
      /maps \[100\] to \[28, 28, 1\]; ganvas.json says it maps noise \[64\]/,
    );
  });

  it('refuses a non-zip, a run, another version and a zip bomb before inflating it', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    await rejects(new Uint8Array(64).fill(1), /not a zip file/);
    await rejects(
      zipSync({ 'model.json': strToU8('{}'), 'weights.bin': new Uint8Array(4), 'ganvas.json': strToU8('{"app":"ganvas","kind":"run","version":1}') }),
      /whole run, not a generator/,
    );
    await rejects(buildGeneratorZip(good.modelJson, good.weights, { ...meta('mlp', 1), version: 2 as 1 }), /different version of ganvas/);
    // 600 MB of zeros deflates to ~600 KB: the limit must trip on the declared size, not after inflating.
    const zeros = zipSync({ 'model.json': strToU8('{}'), 'weights.bin': new Uint8Array(600 << 20), 'ganvas.json': strToU8(JSON.stringify(meta('mlp', 1))) });
    expect(zeros.length).toBeLessThan(2 << 20);
    await rejects(zeros, /weights\.bin claims 600 MB unpacked, over the 512 MB limit/);
  });
});
