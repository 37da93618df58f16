// An application's generator download: it reloads in Node and makes the same
// images as in the worker, scripts/generate.ts --input runs it on a PNG, and
// files that do not fit are refused with a reason.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatorExport, loadGeneratorZip } from '../../src/engine/export/export';
import { buildTask } from '../../src/engine/tasks/registry';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { TASK_DEFAULTS } from '../../src/shared/tasks';
import type { ExportMeta, RunConfig, TaskName, UpscaleName } from '../../src/shared/protocol';
import { translatePng } from '../../scripts/translateImage';
import { servedSet } from './mnistData';

const train = servedSet('mnist', 'train');
const digits = { train, test: servedSet('mnist', 'test') };
const fashion = { train: servedSet('fashion', 'train'), test: servedSet('fashion', 'test') };

async function exported(task: TaskName, upscale: UpscaleName = 'x4') {
  const config: RunConfig = { ...defaultConfig('mlp'), ...TASK_DEFAULTS[task], task, upscale, seed: 3 };
  const trainer = buildTask(config, task === 'transfer' ? { ...fashion, digits } : { ...digits, digits });
  await trainer.steps(2);
  const { event } = await generatorExport(trainer, 'cpu');
  if (event.type !== 'exported') throw new Error('no export');
  return { trainer, zip: buildGeneratorZip(event.modelJson, event.weights, event.meta), meta: event.meta };
}

function png(side: number, ink: (x: number, y: number) => boolean): Uint8Array {
  const p = new PNG({ width: side, height: side });
  for (let i = 0; i < side * side; i++) p.data.set(ink(i % side, Math.floor(i / side)) ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
  return new Uint8Array(PNG.sync.write(p));
}

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe("an application's generator download", () => {
  it.each([
    ['superres', 'x4', [7, 7, 1]],
    ['superres', 'x2', [14, 14, 1]],
    ['sketch', 'x4', [28, 28, 1]],
    ['transfer', 'x4', [28, 28, 1]],
  ] as const)(
    '%s (%s): states its task and shapes, reloads in Node and gives the worker’s images',
    async (task, upscale, inputShape) => {
      const { trainer, zip, meta } = await exported(task, upscale);
      expect(meta).toMatchObject({ task, inputShape, outputShape: [28, 28, 1], step: 2, dataset: task === 'transfer' ? 'fashion' : 'mnist' });
      const { model } = await loadGeneratorZip(zip);
      const x = tf.randomUniform([2, ...inputShape], -1, 1, 'float32', 7);
      const [mine, theirs] = [model.predict(x) as tf.Tensor, trainer.parts()[0].model.predict(x) as tf.Tensor];
      expect(Array.from(await mine.data())).toEqual(Array.from(await theirs.data()));
      tf.dispose([x, mine, theirs]);
      model.dispose();
      trainer.dispose();
    },
    60_000,
  );

  it('generate.ts --input runs it on a PNG of its input size, and refuses the wrong size, a non-image and a noise generator', async () => {
    const { trainer, zip } = await exported('sketch');
    trainer.dispose();
    const { png: out } = await translatePng(
      zip,
      png(28, (x, y) => Math.abs(x - 14) < 2 && y > 4 && y < 24),
      2,
    );
    const result = PNG.sync.read(Buffer.from(out));
    expect([result.width, result.height]).toEqual([2 * 28 * 2, 28 * 2]);
    await expect(
      translatePng(
        zip,
        png(30, () => false),
        2,
      ),
    ).rejects.toThrow('--input is 30x30; this Sketch to digit generator takes 28x28 images');
    await expect(translatePng(zip, new TextEncoder().encode('not a png'), 2)).rejects.toThrow('--input is not a PNG image');
    const sr = await exported('superres');
    sr.trainer.dispose();
    await expect(
      translatePng(
        sr.zip,
        png(28, () => false),
        2,
      ),
    ).rejects.toThrow('takes 7x7 images');
    const gan = await exported('generate');
    gan.trainer.dispose();
    await expect(
      translatePng(
        gan.zip,
        png(28, () => false),
        2,
      ),
    ).rejects.toThrow("--input is for the applications' generators; this one makes digits from noise");
  }, 60_000);

  it('a ganvas.json that names another task or shape is refused before anything is built', async () => {
    const { trainer, zip } = await exported('superres');
    trainer.dispose();
    const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
    const files = unzipSync(zip);
    const meta = JSON.parse(strFromU8(files['ganvas.json'])) as ExportMeta;
    const redo = (m: object) => zipSync({ ...files, 'ganvas.json': strToU8(JSON.stringify({ ...meta, ...m })) });
    await expect(loadGeneratorZip(redo({ task: 'colorize' }))).rejects.toThrow('names task "colorize", which ganvas does not have');
    await expect(loadGeneratorZip(redo({ inputShape: [14, 14, 1] }))).rejects.toThrow(
      'the model maps [7,7,1] to [28,28,1]; ganvas.json says [14, 14, 1] to [28, 28, 1]',
    );
    await expect(loadGeneratorZip(redo({ inputShape: [9, 9, 1] }))).rejects.toThrow('a superres generator maps images [7,7,1] or [14,14,1]');
    await expect(loadGeneratorZip(redo({ task: undefined }))).rejects.toThrow('not a tfjs Sequential layers model');
  }, 60_000);
});
