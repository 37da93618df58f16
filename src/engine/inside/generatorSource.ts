import * as tf from '@tensorflow/tfjs';
import { generatorInput } from '../../shared/latent';

/** A generator to look inside: the one training, or an opened download. */
export interface GeneratorSource {
  latent: number;
  /** 0 for an unconditional generator; else the size of the one-hot after the noise. */
  classes: number;
  step: number;
  /** Images, NHWC 28x28x1 in [-1, 1], for inputs built by generatorInput. Inference mode. */
  generate(input: tf.Tensor2D): tf.Tensor;
}

export const IMAGE_SIDE = 28;

/** Values in [-1, 1] to bytes 0..255. */
export function toGray(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((Math.min(1, Math.max(-1, values[i])) + 1) * 127.5);
  return out;
}

/** `rows` images from given noise as gray bytes (784 per image), with one awaited read. */
export async function renderImages(source: GeneratorSource, noise: Float32Array, rows: number, classLabel?: number | number[]): Promise<Uint8Array> {
  const input = generatorInput(noise, rows, source.classes, classLabel);
  const images = tf.tidy(() => source.generate(tf.tensor2d(input, [rows, input.length / rows])));
  const values = (await images.data()) as Float32Array;
  images.dispose();
  return toGray(values);
}

/** A conditional generator's class count, from its input width. */
export function classesOf(inputWidth: number, latent: number): number {
  return Math.max(0, inputWidth - latent);
}
