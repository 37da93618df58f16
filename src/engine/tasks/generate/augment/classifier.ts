import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../../train/adam';
import { forward } from '../../../models';
import { SeededInit } from '../../../models/init';
import type { Rng } from '../../../../shared/rng';
import { installFastKernels } from '../../../kernels/install';

/**
 * The reference classifier's architecture (scripts/classifier/train.py):
 * conv32 3x3, pool, conv64 3x3, pool, dense 64, dense 10, dropout 0.3 before
 * each dense layer. Images in [-1, 1], NHWC.
 */
export function smallClassifier(seed: number): tf.Sequential {
  const init = new SeededInit(seed);
  return tf.sequential({
    name: 'classifier',
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 10, kernelInitializer: init.glorot() }),
    ],
  });
}

/** A labelled set held as tensors: images [n, 28, 28, 1] in [-1, 1] and class indices [n]. */
export interface Labelled {
  images: tf.Tensor4D;
  labels: tf.Tensor1D;
}

/** Training steps between two calls of `between`. */
const STEPS_BETWEEN = 10;

/**
 * Trains a fresh classifier for `steps` Adam steps on batches drawn (with
 * replacement, from the run's stream) from `set`, and returns it; `between`
 * runs every STEPS_BETWEEN steps.
 */
export async function trainClassifier(
  set: Labelled,
  seed: number,
  steps: number,
  batch: number,
  rng: Rng,
  between: () => Promise<void> = async () => {},
): Promise<tf.Sequential> {
  installFastKernels();
  const model = smallClassifier(seed);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const opt = new Adam(1e-3, 0.9);
  const n = set.images.shape[0];
  const picks = new Int32Array(batch);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < batch; i++) picks[i] = rng.int(n);
    tf.tidy(() => {
      const idx = tf.tensor1d(picks, 'int32');
      const x = tf.gather(set.images, idx);
      const y = tf.oneHot(tf.cast(tf.gather(set.labels, idx), 'int32'), 10);
      opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(model, x, true, rng)) as tf.Scalar, vars);
    });
    if (s % STEPS_BETWEEN === STEPS_BETWEEN - 1) await between();
  }
  opt.dispose();
  return model;
}

/** The share of `test` the model labels right, read in chunks. */
export async function accuracy(model: tf.Sequential, test: Labelled, chunk = 1000): Promise<number> {
  const n = test.images.shape[0];
  const correct = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      const predicted = tf.argMax(model.predict(tf.slice(test.images, start, size)) as tf.Tensor, 1);
      parts.push(tf.sum(tf.cast(tf.equal(predicted, tf.cast(tf.slice(test.labels, start, size), 'int32')), 'int32')));
    }
    return tf.addN(parts);
  });
  const [v] = await correct.data();
  correct.dispose();
  return v / n;
}
