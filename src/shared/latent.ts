import { Rng } from './rng';

export type InterpolationPath = 'linear' | 'slerp';

/** The noise for one sample: the same seed, the same z, here and in the page. */
export function latentNoise(seed: number, latent: number): Float32Array {
  return new Rng(seed).fillNormal(new Float32Array(latent));
}

export function lerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  return a.map((v, i) => v + (b[i] - v) * t);
}

/**
 * Spherical interpolation: moves along the great circle between a and b, so
 * the norm stays near the typical |z| of a Gaussian (a straight line cuts
 * through the low-norm middle, where the generator rarely saw inputs).
 * Falls back to lerp when a and b are (anti)parallel.
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const cos = Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb)));
  const omega = Math.acos(cos);
  const s = Math.sin(omega);
  if (!(s > 1e-6)) return lerp(a, b, t);
  const wa = Math.sin((1 - t) * omega) / s;
  const wb = Math.sin(t * omega) / s;
  return a.map((v, i) => wa * v + wb * b[i]);
}

/** `frames` points from a to b inclusive, packed row after row. */
export function interpolate(a: Float32Array, b: Float32Array, frames: number, path: InterpolationPath): Float32Array {
  const out = new Float32Array(frames * a.length);
  const f = path === 'slerp' ? slerp : lerp;
  for (let k = 0; k < frames; k++) out.set(f(a, b, frames === 1 ? 0 : k / (frames - 1)), k * a.length);
  return out;
}

/**
 * What a generator is fed: each row's noise, then for a conditional model
 * (`classes` > 0) a one-hot of `classLabel` per row. The one place that knows
 * the input layout, so a conditional generator only needs its class count.
 */
export function generatorInput(noise: Float32Array, rows: number, classes: number, classLabel?: number | number[]): Float32Array {
  if (!classes) return noise;
  const latent = noise.length / rows;
  const width = latent + classes;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    out.set(noise.subarray(r * latent, (r + 1) * latent), r * width);
    const label = Array.isArray(classLabel) ? classLabel[r] : (classLabel ?? r % classes);
    out[r * width + latent + label] = 1;
  }
  return out;
}
