import * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../../shared/protocol';
import { NUM_CLASSES } from '../../shared/settings';
import { gridClasses, type SampleClass } from '../train/samples';

/** [n, 10] one-hot rows for class indices. */
export function oneHot(labels: Uint8Array | number[]): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), NUM_CLASSES), 'float32') as tf.Tensor2D);
}

/** A conditional generator's input: the noise, then the one-hot. */
export function generatorInput(z: tf.Tensor, classes: tf.Tensor | null): tf.Tensor {
  return classes ? tf.concat([z, classes], 1) : z;
}

/**
 * What D reads for a batch of images and their classes: the MLP's flattened
 * pixels followed by the one-hot; for the conv model the one-hot as constant
 * channels beside the image (a Sequential has one input, so the class joins
 * where the first layer can take it).
 */
export function discriminatorInput(kind: ModelKind, images: tf.Tensor, classes: tf.Tensor | null): tf.Tensor {
  if (!classes) return images;
  const b = images.shape[0];
  if (kind === 'mlp') return tf.concat([tf.reshape(images, [b, 28 * 28]), classes], 1);
  return tf.concat([images, tf.tile(tf.reshape(classes, [b, 1, 1, NUM_CLASSES]), [1, 28, 28, 1])], 3);
}

/**
 * The generator input for a conditional grid of `side` columns: one row per
 * class over the first `side` fixed noise vectors, or the picked class over
 * all of them (see gridClasses).
 */
export function conditionalGridInput(fixedNoise: tf.Tensor2D, classIndex: SampleClass, side: number): { rows: number; input: tf.Tensor } {
  const cells = gridClasses(classIndex, side, NUM_CLASSES);
  const z = tf.gather(
    fixedNoise,
    cells.labels.map((_, i) => (classIndex === null ? i % side : i)),
  );
  return { rows: cells.rows, input: generatorInput(z, oneHot(cells.labels)) };
}
