import * as tf from '@tensorflow/tfjs';
import type { DatasetName, ExportMeta, RgbaImage } from '../../shared/protocol';
import type { ImageSet } from '../data/mnist';
import { SIDE } from '../paired/pairedTrainer';
import { downscale } from '../tasks/superres/resample';
import { sketchBatch } from '../tasks/sketch/skeleton';
import { renderGrid } from '../train/samples';

/** Rows of an opened application's view. */
export const OPENED_ROWS = 8;

/** Held-out images of a data set, for an opened generator to work on. */
export type HeldOutImages = (dataset: DatasetName) => Promise<ImageSet>;

/** `count` images of a set from `first` on (wrapping), in [-1, 1]. */
function imagesOf(set: ImageSet, first: number, count: number): Float32Array {
  const out = new Float32Array(count * SIDE * SIDE);
  for (let k = 0; k < count; k++) {
    const i = (first + k) % set.count;
    for (let p = 0; p < SIDE * SIDE; p++) out[k * SIDE * SIDE + p] = set.pixels[i * SIDE * SIDE + p] / 127.5 - 1;
  }
  return out;
}

/**
 * An opened application's generator at work on held-out images (the `seed`-th
 * eight): its input, drawn at 28x28, beside what it makes. Domain transfer
 * translates MNIST digits; the others take images of the set they trained on.
 */
export async function openedTaskView(
  model: tf.LayersModel,
  meta: ExportMeta & { task: NonNullable<ExportMeta['task']> },
  heldOut: HeldOutImages,
  seed: number,
): Promise<RgbaImage> {
  const set = await heldOut(meta.task === 'transfer' ? 'mnist' : meta.dataset);
  const values = imagesOf(set, (seed - 1) * OPENED_ROWS, OPENED_ROWS);
  const rows = tf.tidy(() => {
    const images = tf.tensor4d(values, [OPENED_ROWS, SIDE, SIDE, 1]);
    const side = meta.inputShape?.[0] ?? SIDE;
    const input =
      meta.task === 'superres'
        ? downscale(images, SIDE / side)
        : meta.task === 'sketch'
          ? tf.tensor4d(sketchBatch(values, OPENED_ROWS, SIDE), [OPENED_ROWS, SIDE, SIDE, 1])
          : images;
    const shown = side === SIDE ? input : tf.image.resizeNearestNeighbor(input, [SIDE, SIDE]);
    return tf.clipByValue(tf.stack([shown, model.predict(input) as tf.Tensor4D], 1), -1, 1);
  });
  const pixels = (await rows.data()) as Float32Array;
  rows.dispose();
  return renderGrid(pixels, 2, OPENED_ROWS);
}
