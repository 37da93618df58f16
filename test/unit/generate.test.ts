import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatorGridPng } from '../../scripts/generate';
import { saveModel } from '../../src/engine/export/export';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { LATENT_SIZE } from '../../src/shared/settings';
import { Rng } from '../../src/shared/rng';
import { renderGrid } from '../../src/engine/train/samples';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from './mnistData';

let zip: Uint8Array;
let expected: ReturnType<typeof renderGrid>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const config = { ...defaultConfig('mlp'), batchSize: 8 };
  const trainer = new GanTrainer(config, mnistTrain());
  for (let i = 0; i < 3; i++) await trainer.step();
  const { modelJson, weights } = await saveModel(trainer.gan.generator);
  zip = buildGeneratorZip(modelJson, weights, {
    app: 'ganvas',
    version: 1,
    model: 'mlp',
    latentSize: LATENT_SIZE,
    step: 3,
    dataset: 'mnist',
    seed: config.seed,
    batchSize: config.batchSize,
    hyperparams: trainer.hyperparams,
    backend: 'cpu',
    exportedAt: new Date(0).toISOString(),
  });
  // What the app's own generator makes from the same noise.
  const z = tf.tensor2d(new Rng(1).fillNormal(new Float32Array(16 * LATENT_SIZE)), [16, LATENT_SIZE]);
  const images = trainer.generate(z);
  expected = renderGrid((await images.data()) as Float32Array, 4);
  tf.dispose([z, images]);
  trainer.dispose();
});

describe('scripts/generate.ts', () => {
  it('writes a PNG grid of the downloaded generator that matches what the app generates', async () => {
    const { png, step, model } = await generatorGridPng(zip, { side: 4, seed: 1, scale: 2 });
    expect({ step, model }).toEqual({ step: 3, model: 'mlp' });
    const img = PNG.sync.read(png);
    expect([img.width, img.height]).toEqual([expected.width * 2, expected.height * 2]);
    let worst = 0;
    for (let y = 0; y < expected.height; y++) {
      for (let x = 0; x < expected.width; x++) {
        const a = img.data[(2 * y * img.width + 2 * x) * 4];
        worst = Math.max(worst, Math.abs(a - expected.pixels[(y * expected.width + x) * 4]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('the same seed gives the same grid, another seed another', async () => {
    const a = (await generatorGridPng(zip, { side: 2, seed: 5, scale: 1 })).png;
    const b = (await generatorGridPng(zip, { side: 2, seed: 5, scale: 1 })).png;
    const c = (await generatorGridPng(zip, { side: 2, seed: 6, scale: 1 })).png;
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(false);
  });

  it('refuses a file that is not a ganvas generator with a clear message', async () => {
    await expect(generatorGridPng(new Uint8Array([80, 75, 3, 4, 1, 2, 3]), { side: 2, seed: 1, scale: 1 })).rejects.toThrow();
    const { zipSync } = await import('fflate');
    await expect(generatorGridPng(zipSync({ 'notes.txt': new Uint8Array([104, 105]) }), { side: 2, seed: 1, scale: 1 })).rejects.toThrow(
      /not a ganvas generator: model.json is missing/,
    );
  });
});
