import * as tf from '@tensorflow/tfjs';
import type { DatasetName, ExportMeta, RgbaImage } from '../../shared/protocol';
import type { ImageSet } from '../data/mnist';
import { SIDE } from '../paired/pairedTrainer';
import { renderGrid } from '../train/samples';

/** Rows of an opened application's view. */
export const OPENED_ROWS = 8;

/** How an opened download of an application takes held-out images (its task's plug-in says). */
export interface OpenedInput {
  /** The input shapes its generator may take, as `rows,cols,channels`. */
  inputShapes: string[];
  /** The set whose held-out images it works on, given the set it trained on. */
  dataset(trained: DatasetName): DatasetName;
  /** Its input from held-out images (as a tensor and as values in [-1, 1]) for a generator taking `side` x `side`. */
  input(images: tf.Tensor4D, values: Float32Array, side: number): tf.Tensor4D;
}

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
 * eight): its input, drawn at 28x28, beside what it makes, as its task's
 * plug-in says (which set, which input).
 */
export async function openedTaskView(model: tf.LayersModel, meta: ExportMeta, opened: OpenedInput, heldOut: HeldOutImages, seed: number): Promise<RgbaImage> {
  const set = await heldOut(opened.dataset(meta.dataset));
  const values = imagesOf(set, (seed - 1) * OPENED_ROWS, OPENED_ROWS);
  const rows = tf.tidy(() => {
    const images = tf.tensor4d(values, [OPENED_ROWS, SIDE, SIDE, 1]);
    const side = meta.inputShape?.[0] ?? SIDE;
    const input = opened.input(images, values, side);
    const shown = side === SIDE ? input : tf.image.resizeNearestNeighbor(input, [SIDE, SIDE]);
    return tf.clipByValue(tf.stack([shown, model.predict(input) as tf.Tensor4D], 1), -1, 1);
  });
  const pixels = (await rows.data()) as Float32Array;
  rows.dispose();
  return renderGrid(pixels, 2, OPENED_ROWS);
}
