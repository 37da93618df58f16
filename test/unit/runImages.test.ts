// A run on your own images carries them in its file (up to RUN_IMAGES_MAX), so
// it resumes and imports without them being dropped again.
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyRun, captureRun, readRunFor } from '../../src/engine/runfile/checkpoint';
import { RUN_IMAGES_MAX } from '../../src/shared/limits/imageLimits';
import type { ImageSet } from '../../src/engine/data/mnist';
import { defaultConfig } from '../../src/shared/hyperparams';
import { decodeRun, encodeRun, RunFileError } from '../../src/engine/runfile/runArchive';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from './mnistData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `n` MNIST digits as if dropped: no classes. */
function ownImages(n: number): ImageSet {
  const m = mnistTrain();
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) pixels.set(m.pixels.subarray((i % m.count) * 784, ((i % m.count) + 1) * 784), i * 784);
  return { count: n, rows: 28, cols: 28, pixels, labels: new Uint8Array(n) };
}

const config = { ...defaultConfig('mlp'), dataset: 'custom' as const, batchSize: 8, seed: 5 };
const capture = (t: GanTrainer, images: ImageSet) => captureRun(t, { runId: 'own', backend: 'cpu', changes: [], metrics: new Float64Array(0), images });
/** What a session that has no images of your own loaded answers. */
const noImagesToday = (): Promise<never> => Promise.reject(new Error('no images of your own loaded'));

describe('a run on your own images', () => {
  let images: ImageSet;
  let original: GanTrainer;
  let bytes: Uint8Array;
  beforeAll(async () => {
    images = ownImages(200);
    original = new GanTrainer(config, images);
    await original.steps(3);
    bytes = encodeRun(await capture(original, images));
  });

  it('keeps its images in the file bitwise, and resumes from the file alone: the next steps match the uninterrupted run', async () => {
    const { run, config: loaded } = await readRunFor(bytes.slice().buffer, noImagesToday, undefined);
    expect(run.meta.images).toEqual({ count: 200, rows: 28, cols: 28 });
    expect(Buffer.from(run.images as Uint8Array).equals(Buffer.from(images.pixels))).toBe(true);
    const copy = new GanTrainer(loaded, { ...images, pixels: run.images as Uint8Array });
    applyRun(copy, run);
    expect(await copy.steps(2)).toEqual(await original.steps(2));
    copy.dispose();
    // And the file it saves again carries the same bytes.
    const again = decodeRun(encodeRun(decodeRun(bytes)));
    expect(Buffer.from(again.images as Uint8Array).equals(Buffer.from(images.pixels))).toBe(true);
  });

  it('saves without its images over the cap, and then needs them dropped again, as before', async () => {
    const many = ownImages(RUN_IMAGES_MAX + 1);
    const t = new GanTrainer(config, many);
    const run = await capture(t, many);
    t.dispose();
    expect(run.images).toBeUndefined();
    expect(run.meta.images).toBeUndefined();
    await expect(readRunFor(encodeRun(run).slice().buffer, noImagesToday, undefined)).rejects.toThrow(/no images of your own/);
    const atCap = new GanTrainer(config, ownImages(RUN_IMAGES_MAX));
    expect((await capture(atCap, ownImages(RUN_IMAGES_MAX))).images?.byteLength).toBe(RUN_IMAGES_MAX * 784);
    atCap.dispose();
  });

  /** The good file with one part replaced, as a damaged or hand-edited download would be. */
  const edited = (edit: (files: Record<string, Uint8Array>, meta: Record<string, unknown>) => void): Uint8Array => {
    const files = unzipSync(bytes);
    const meta = JSON.parse(strFromU8(files['ganvas.json'])) as Record<string, unknown>;
    edit(files, meta);
    return zipSync({ ...files, 'ganvas.json': strToU8(JSON.stringify(meta)) });
  };

  it.each([
    [
      'a truncated images.bin',
      (f: Record<string, Uint8Array>) => (f['images.bin'] = f['images.bin'].subarray(0, 5000)),
      /images\.bin has 5000 bytes; 200 images need 156800/,
    ],
    ['a missing images.bin', (f: Record<string, Uint8Array>) => delete f['images.bin'], /images\.bin is missing/],
    [
      'a count that disagrees with the data order',
      (_: unknown, m: Record<string, unknown>) => (m.images = { count: 100, rows: 28, cols: 28 }),
      /trained on 200 images but carries 100/,
    ],
    ['images of another size', (_: unknown, m: Record<string, unknown>) => (m.images = { count: 200, rows: 32, cols: 32 }), /must be 28x28/],
    [
      'more images than a run may carry',
      (_: unknown, m: Record<string, unknown>) => (m.images = { count: RUN_IMAGES_MAX + 1, rows: 28, cols: 28 }),
      /carries 64 to 10,000 images/,
    ],
    [
      'images in a run on MNIST',
      (_: unknown, m: Record<string, unknown>) => ((m.config as Record<string, unknown>).dataset = 'mnist'),
      /belongs to a run on your own images/,
    ],
  ])('refuses %s with a message', (_, edit, message) => {
    expect(() => decodeRun(edited(edit as (f: Record<string, Uint8Array>, m: Record<string, unknown>) => void))).toThrow(RunFileError);
    expect(() => decodeRun(edited(edit as (f: Record<string, Uint8Array>, m: Record<string, unknown>) => void))).toThrow(message);
  });
});
