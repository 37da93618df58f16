import * as tf from '@tensorflow/tfjs';
import { SIDE, type Pairing } from '../../paired/pairedTrainer';
import { patchDiscriminator } from '../../paired/patchDiscriminator';
import { unetGenerator } from '../../paired/unet';
import { sketchBatch, skeletonOf } from './skeleton';
import type { ImageSet } from '../../data/mnist';
import type { QualityClassifier } from '../../quality/quality';

/** Sketch to digit: the input is the digit's strokes thinned to one pixel. */
export const sketchPairing: Pairing = {
  input: (real, values) => tf.tensor4d(sketchBatch(values, real.shape[0], SIDE), [real.shape[0], SIDE, SIDE, 1]),
  generator: (init) => unetGenerator(init, 'linear'),
  discriminator: (init) => patchDiscriminator(init, SIDE),
};

/** The first image of each class 0-9 in a labelled set, for drawing one sketch of each digit. */
export function oneOfEachDigit(set: ImageSet): Float32Array {
  const out = new Float32Array(10 * SIDE * SIDE);
  for (let digit = 0; digit < 10; digit++) {
    const i = set.labels.indexOf(digit);
    if (i < 0) throw new Error(`the set has no image of a ${digit}`);
    for (let p = 0; p < SIDE * SIDE; p++) out[digit * SIDE * SIDE + p] = set.pixels[i * SIDE * SIDE + p] / 127.5 - 1;
  }
  return out;
}

/**
 * Which of ten sketches (one per digit, 0-9) the generator turns into the
 * digit they were drawn from, as the reference classifier labels its output.
 */
export async function digitsRecognized(
  translate: (sketches: tf.Tensor4D) => tf.Tensor4D,
  sketches: Float32Array,
  classifier: QualityClassifier,
): Promise<boolean[]> {
  const made = tf.tidy(() => translate(tf.tensor4d(sketches, [10, SIDE, SIDE, 1])));
  try {
    const { probs } = await classifier.read(made);
    return Array.from({ length: 10 }, (_, digit) => {
      const row = probs.subarray(digit * 10, digit * 10 + 10);
      return row.indexOf(Math.max(...row)) === digit;
    });
  } finally {
    made.dispose();
  }
}

/**
 * A drawing through the generator: its ink thinned to one-pixel strokes as
 * training sketches are, then translated (inference). Both come back as
 * bytes, 0 paper and 255 ink.
 */
export async function drawDigit(translate: (sketches: tf.Tensor4D) => tf.Tensor4D, pixels: Uint8Array): Promise<{ sketch: Uint8Array; output: Uint8Array }> {
  const skeleton = skeletonOf(pixels, SIDE);
  const made = tf.tidy(() =>
    tf.clipByValue(
      translate(
        tf.tensor4d(
          Float32Array.from(skeleton, (s) => (s ? 1 : -1)),
          [1, SIDE, SIDE, 1],
        ),
      ),
      -1,
      1,
    ),
  );
  const values = await made.data();
  made.dispose();
  return { sketch: skeleton.map((s) => s * 255), output: Uint8Array.from(values, (v) => Math.round((v + 1) * 127.5)) };
}
