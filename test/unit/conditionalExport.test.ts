import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatorGridPng } from '../../scripts/generate';
import { generatorExport, loadGeneratorZip } from '../../src/engine/export/export';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { oneHot } from '../../src/engine/models/conditional';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ExportMeta } from '../../src/shared/protocol';
import { mnistTrain } from './mnistData';

let zip: Uint8Array;
let meta: ExportMeta;
let trainer: GanTrainer;

beforeAll(async () => {
  await tf.setBackend('cpu');
  trainer = new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, conditional: true, loss: 'lsgan' }, mnistTrain());
  await trainer.steps(2);
  const { event } = await generatorExport(trainer, 'cpu');
  if (event.type !== 'exported') throw new Error('no export');
  meta = event.meta;
  zip = buildGeneratorZip(event.modelJson, event.weights, meta);
});

describe('a conditional generator download', () => {
  it('is one single-input Layers model: 100 noise values then a 10-way one-hot, the same images as in the app', async () => {
    expect(meta).toMatchObject({ numClasses: 10, loss: 'lsgan', latentSize: 100 });
    const { model } = await loadGeneratorZip(zip);
    expect(model.inputs.map((i) => i.shape)).toEqual([[null, 110]]);
    const input = tf.concat([tf.randomNormal([4, 100], 0, 1, 'float32', 2), oneHot([0, 3, 7, 9])], 1) as tf.Tensor2D;
    const mine = trainer.generate(input);
    const theirs = model.predict(input) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(mine, theirs))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([input, mine, theirs]);
    model.dispose();
    expect(strFromU8(unzipSync(zip)['README.md'])).toMatch(/followed by a 10-way one-hot of the class/);
  });

  it('is refused when ganvas.json does not match the model (a conditional model described as plain noise)', async () => {
    const files = unzipSync(zip);
    const plain = buildGeneratorZip(strFromU8(files['model.json']), files['weights.bin'].slice().buffer, { ...meta, numClasses: undefined });
    await expect(loadGeneratorZip(plain)).rejects.toThrow(/maps \[110\] to \[28, 28, 1\]; ganvas.json says it maps noise \[100\]/);
  });

  it('scripts/generate.ts draws one row per digit, or one digit with --class', async () => {
    const rows = PNG.sync.read((await generatorGridPng(zip, { side: 3, seed: 1, scale: 1 })).png);
    expect([rows.width, rows.height]).toEqual([3 * 29 + 1, 10 * 29 + 1]);
    const seven = (await generatorGridPng(zip, { side: 3, seed: 1, scale: 1, classIndex: 7 })).png;
    const three = (await generatorGridPng(zip, { side: 3, seed: 1, scale: 1, classIndex: 3 })).png;
    expect(PNG.sync.read(seven).height).toBe(3 * 29 + 1);
    expect(seven.equals(three)).toBe(false);
  });
});
