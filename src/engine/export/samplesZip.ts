import { strToU8, zipSync, type Zippable } from 'fflate';
import type { GeneratorSource } from '../inside/generatorSource';
import { IMAGE_SIDE, renderImages } from '../inside/generatorSource';
import { latentNoise } from '../../shared/latent';
import { checkSampleCount } from '../../shared/limits/viewLimits';
import { SEED_MAX } from '../../shared/settingRules';

/** Encodes one gray image as PNG bytes; passed in, since the engine has no canvas (the worker uses OffscreenCanvas, Node tests pngjs). */
export type PngEncoder = (gray: Uint8Array, width: number, height: number) => Promise<Uint8Array>;

/** Images per render: one read back from the backend (on a GPU, a wait that lets training turns in). */
const BATCH = 250;
/** Images encoded between two calls of `afterBatch`: small enough that training waits only tens of ms. */
const CHUNK = 50;
const SEED_SPACE = SEED_MAX + 1;

export const sampleFileName = (i: number) => `images/sample-${String(i).padStart(5, '0')}.png`;

/**
 * `count` generated images as a zip: PNGs under images/, samples.csv (file,
 * label for a conditional model, noise seed, training step) and a README.
 * Image i comes from the noise of seed `seed + i`, so any one can be made again.
 */
export async function samplesZip(
  source: GeneratorSource,
  count: number,
  seed: number,
  encodePng: PngEncoder,
  classLabel?: number,
  /** Called after every CHUNK images with the count done so far; awaited, so the caller can yield to training. */
  afterBatch?: (done: number) => Promise<void>,
): Promise<Uint8Array> {
  const problem = checkSampleCount(count);
  if (problem) throw new RangeError(problem);
  const conditional = source.classes > 0;
  const files: Zippable = {};
  const rows = [conditional ? 'file,label,seed,step' : 'file,seed,step'];
  const px = IMAGE_SIDE * IMAGE_SIDE;
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const noise = new Float32Array(n * source.latent);
    const seeds = Array.from({ length: n }, (_, k) => (seed + start + k) % SEED_SPACE);
    seeds.forEach((s, k) => noise.set(latentNoise(s, source.latent), k * source.latent));
    const labels = seeds.map((_, k) => classLabel ?? (start + k) % Math.max(1, source.classes));
    const gray = await renderImages(source, noise, n, labels);
    for (let from = 0; from < n; from += CHUNK) {
      const ks = seeds.slice(from, from + CHUNK).map((_, j) => from + j);
      const pngs = await Promise.all(ks.map((k) => encodePng(gray.subarray(k * px, (k + 1) * px), IMAGE_SIDE, IMAGE_SIDE)));
      pngs.forEach((png, j) => {
        const k = ks[j];
        const name = sampleFileName(start + k);
        files[name] = [png, { level: 0 }]; // PNGs are compressed already
        rows.push(conditional ? `${name},${labels[k]},${seeds[k]},${source.step}` : `${name},${seeds[k]},${source.step}`);
      });
      await afterBatch?.(start + from + ks.length);
    }
  }
  files['samples.csv'] = strToU8(rows.join('\n') + '\n');
  files['README.txt'] = strToU8(readme(source, count, seed, conditional));
  return zipSync(files);
}

function readme(source: GeneratorSource, count: number, seed: number, conditional: boolean): string {
  return `Generated samples from ganvas
=============================

${count} images, 28x28 gray PNG, made by a GAN generator at training step ${source.step}.
They are synthetic: use them to augment a data set, to test a classifier on
generated data, or to look at what the generator learned. They are not real
data and may contain artefacts.

images/sample-NNNNN.png  the images
samples.csv              one row per image: ${conditional ? 'file, class label the generator was asked for, ' : 'file, '}noise seed, training step

Image i was made from the standard normal noise of seed ${seed} + i (ganvas's
seeded generator, mulberry32 with Box-Muller), so the same generator makes
the same image again from its seed.
`;
}
