// Samples from a generator downloaded from ganvas, in Node, as a PNG grid:
//   npx tsx scripts/generate.ts ganvas-generator.zip [--out grid.png] [--side 8] [--seed 1] [--scale 4] [--class 7]
// A conditional generator draws one row per digit (side columns), or with --class only that digit.
// An application's generator takes an image instead:
//   npx tsx scripts/generate.ts ganvas-sketch-mnist-step500.zip --input sketch.png [--out result.png] [--scale 4]
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { loadGeneratorZip } from '../src/engine/export/export';
import { oneHot } from '../src/engine/models/conditional';
import { Rng } from '../src/shared/rng';
import { gridClasses, renderGrid } from '../src/engine/train/samples';
import { messageOf } from '../src/shared/errors';
import { translatePng } from './translateImage';

export interface GridOptions {
  /** side x side samples. */
  side: number;
  /** Seed of the noise: the same seed gives the same grid. */
  seed: number;
  /** Each pixel drawn as scale x scale (the images are 28 x 28). */
  scale: number;
  /** Conditional generators only: the digit to draw (absent: one row per class). */
  classIndex?: number;
}

/** A PNG of side x side samples from the generator in a ganvas zip, z ~ N(0, 1) from `seed`. */
export async function generatorGridPng(zip: Uint8Array, o: GridOptions): Promise<{ png: Buffer; step: number; model: string }> {
  const { model, meta } = await loadGeneratorZip(zip);
  if (meta.task) {
    model.dispose();
    throw new Error(`this is a ${meta.task} generator: it takes an image (--input picture.png), not noise`);
  }
  const latent = meta.latentSize;
  const classes = meta.numClasses ?? 0;
  if (!classes && o.classIndex !== undefined) {
    model.dispose();
    throw new Error(`--class: this ${meta.model} generator is not conditional; it takes noise only`);
  }
  const cells = classes ? gridClasses(o.classIndex ?? null, o.side, classes) : { labels: [], rows: o.side };
  const n = o.side * cells.rows;
  const images = tf.tidy(() => {
    const z = tf.tensor2d(new Rng(o.seed).fillNormal(new Float32Array(n * latent)), [n, latent]);
    return model.predict(classes ? tf.concat([z, oneHot(cells.labels)], 1) : z) as tf.Tensor;
  });
  const values = (await images.data()) as Float32Array;
  images.dispose();
  model.dispose();
  const grid = renderGrid(values, o.side, cells.rows);
  const png = new PNG({ width: grid.width * o.scale, height: grid.height * o.scale });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const from = (Math.floor(y / o.scale) * grid.width + Math.floor(x / o.scale)) * 4;
      png.data.set(grid.pixels.subarray(from, from + 4), (y * png.width + x) * 4);
    }
  }
  return { png: PNG.sync.write(png), step: meta.step, model: meta.model };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'grid.png' },
      side: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      scale: { type: 'string', default: '4' },
      class: { type: 'string' },
      input: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file) throw new Error('usage: npx tsx scripts/generate.ts <generator.zip> [--out grid.png] [--side 8] [--seed 1] [--scale 4] [--class 0..9]');
  const whole = (name: string, v: string, max: number): number => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1 || x > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return x;
  };
  if (values.input !== undefined) {
    const { png, what } = await translatePng(new Uint8Array(readFileSync(file)), new Uint8Array(readFileSync(values.input)), whole('scale', values.scale, 16));
    writeFileSync(values.out, png);
    console.log(`${values.out}: ${values.input} and what the ${what} generator made of it`);
    return;
  }
  const o: GridOptions = { side: whole('side', values.side, 32), seed: whole('seed', values.seed, 2 ** 31 - 1), scale: whole('scale', values.scale, 16) };
  if (values.class !== undefined) {
    const c = Number(values.class);
    if (!Number.isInteger(c) || c < 0 || c > 9 || values.class.trim() === '') throw new Error('--class must be a digit from 0 to 9');
    o.classIndex = c;
  }
  const { png, step, model } = await generatorGridPng(new Uint8Array(readFileSync(file)), o);
  writeFileSync(values.out, png);
  console.log(`${values.out}: samples from the ${model} generator at step ${step}${o.classIndex !== undefined ? `, digit ${o.classIndex}` : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(messageOf(e));
    process.exit(1);
  });
}
