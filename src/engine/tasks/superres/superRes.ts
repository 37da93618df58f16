import * as tf from '@tensorflow/tfjs';
import type { RgbaImage } from '../../../shared/protocol';
import { renderGrid } from '../../train/samples';
import type { Pairing, PairedTrainer } from '../../paired/pairedTrainer';
import { patchDiscriminator } from '../../paired/patchDiscriminator';
import { superResGenerator, type UpscaleFactor } from './networks';
import { bicubicUp, downscale, HIGH_SIDE } from './resample';
import { psnr, ssim } from './imageQuality';

/** Super-resolution: the input is the image scaled down by `factor`. */
export function superResPairing(factor: UpscaleFactor): Pairing {
  return {
    input: (real) => downscale(real, factor),
    generator: (init) => superResGenerator(init, factor),
    discriminator: (init) => patchDiscriminator(init, HIGH_SIDE / factor),
  };
}

/** Mean PSNR (dB) and SSIM over held-out images, for each way of upscaling. */
export interface SuperResScores {
  count: number;
  psnr: { gan: number; bicubic: number; l1: number | null };
  ssim: { gan: number; bicubic: number; l1: number | null };
}

/** PSNR and SSIM of the GAN, bicubic and (if trained) the L1-only generator against the real images, in chunks. */
export async function evaluateSuperRes(trainer: PairedTrainer, factor: UpscaleFactor, high: tf.Tensor4D, chunk = 250): Promise<SuperResScores> {
  const n = high.shape[0];
  const baseline = trainer.baseline;
  const sums = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += chunk) {
      const h = tf.slice(high, start, Math.min(chunk, n - start));
      const low = downscale(h, factor);
      const ways = [trainer.translate(low), bicubicUp(low), ...(baseline ? [trainer.translate(low, baseline)] : [])];
      parts.push(tf.stack(ways.map((up) => tf.stack([tf.sum(psnr(up, h)), tf.sum(ssim(up, h))]))));
    }
    return tf.addN(parts);
  });
  const v = await sums.data();
  sums.dispose();
  const mean = (way: number, measure: number): number => v[way * 2 + measure] / n;
  return {
    count: n,
    psnr: { gan: mean(0, 0), bicubic: mean(1, 0), l1: baseline ? mean(2, 0) : null },
    ssim: { gan: mean(0, 1), bicubic: mean(1, 1), l1: baseline ? mean(2, 1) : null },
  };
}

/** The columns `superResShowcase` draws, left to right. */
export function showcaseColumns(trainer: PairedTrainer): string[] {
  return ['input', 'bicubic', 'GAN', ...(trainer.baseline ? ['L1 only'] : []), 'real'];
}

/** One row per image: its low-resolution input (drawn with big pixels), then the other columns of `showcaseColumns`. */
export async function superResShowcase(trainer: PairedTrainer, factor: UpscaleFactor, high: tf.Tensor4D): Promise<RgbaImage> {
  const baseline = trainer.baseline;
  const rows = tf.tidy(() => {
    const low = downscale(high, factor);
    const ways = [
      tf.image.resizeNearestNeighbor(low, [HIGH_SIDE, HIGH_SIDE]),
      bicubicUp(low),
      trainer.translate(low),
      ...(baseline ? [trainer.translate(low, baseline)] : []),
      high,
    ];
    return tf.clipByValue(tf.stack(ways, 1), -1, 1);
  });
  const values = (await rows.data()) as Float32Array;
  rows.dispose();
  return renderGrid(values, showcaseColumns(trainer).length, high.shape[0]);
}

/**
 * Your own image through the generator: at the low resolution it is upscaled
 * as it is; at 28x28 it is first scaled down as training images are. Bytes in
 * (0 black, 255 white), bytes out: the low-resolution input, bicubic's 28x28
 * and the generator's.
 */
export async function upscaleImage(
  translate: (low: tf.Tensor4D) => tf.Tensor4D,
  factor: UpscaleFactor,
  pixels: Uint8Array,
  side: number,
): Promise<{ low: Uint8Array; bicubic: Uint8Array; output: Uint8Array }> {
  const lowSide = HIGH_SIDE / factor;
  if (side !== lowSide && side !== HIGH_SIDE)
    throw new Error(`a ${side}x${side} image: this generator upscales ${lowSide}x${lowSide} images (or 28x28 ones, scaled down first)`);
  const out = tf.tidy(() => {
    const image = tf.tensor4d(
      Float32Array.from(pixels, (p) => p / 127.5 - 1),
      [1, side, side, 1],
    );
    const low = side === HIGH_SIDE ? downscale(image, factor) : image;
    return [low, bicubicUp(low), translate(low)].map((t) => tf.clipByValue(t, -1, 1));
  });
  const bytes = await Promise.all(out.map(async (t) => Uint8Array.from(await t.data(), (v) => Math.round((v + 1) * 127.5))));
  tf.dispose(out);
  return { low: bytes[0], bicubic: bytes[1], output: bytes[2] };
}
