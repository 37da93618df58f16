import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratorZip, saveModel } from '../../src/engine/export';
import { buildGeneratorZip, generatorFileName, readGeneratorZip } from '../../src/engine/generatorZip';
import { defaultConfig } from '../../src/engine/hyperparams';
import { GanTrainer } from '../../src/engine/trainer';
import type { ExportMeta, ModelKind } from '../../src/protocol';
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
    hyperparams: { gLearningRate: 1e-3, dLearningRate: 1e-3, beta1: 0.5 },
    backend: 'cpu',
    exportedAt: '2026-11-24T00:00:00.000Z',
  };
}

describe.each(['mlp', 'dcgan', 'dcgan-seed'] as const)('generator export (%s)', (model) => {
  it('reloads from the zip in Node and gives the same images for the same z', async () => {
    const t = new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed: 3 }, mnistTrain());
    await t.step();
    const saved = await saveModel(t.gan.generator);
    const zip = buildGeneratorZip(saved.modelJson, saved.weights, meta(model, t.stepCount));
    const files = readGeneratorZip(zip);
    expect(files.meta.model).toBe(model);
    expect(files.meta.step).toBe(1);
    expect(generatorFileName(files.meta)).toBe(`ganvas-${model}-mnist-step1.zip`);

    const loaded = await loadGeneratorZip(zip);
    const z = tf.randomNormal([4, 100], 0, 1, 'float32', 9) as tf.Tensor2D;
    const mine = t.generate(z);
    const theirs = loaded.predict(z) as tf.Tensor;
    expect(theirs.shape).toEqual([4, 28, 28, 1]);
    const [a, b] = [await mine.data(), await theirs.data()];
    expect(Math.max(...b)).toBeLessThanOrEqual(1);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(-1);
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
