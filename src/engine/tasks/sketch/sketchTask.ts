import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../../shared/protocol';
import type { TaskData } from '../../loop/plugin';
import { renderGrid } from '../../train/samples';
import { heldOut, SIDE, type PairedTrainer } from '../../paired/pairedTrainer';
import { PairedTask } from '../../paired/pairedTask';
import { digitsRecognized, oneOfEachDigit, sketchPairing } from './sketch';
import { sketchBatch } from './skeleton';

/** Held-out images the L1 error is measured on. */
export const SCORED_SKETCHES = 500;

/** A set's images (values in [-1, 1]) and their sketches, as tensors. */
function withSketches(values: Float32Array, count: number): { real: tf.Tensor4D; sketch: tf.Tensor4D } {
  return { real: tf.tensor4d(values, [count, SIDE, SIDE, 1]), sketch: tf.tensor4d(sketchBatch(values, count, SIDE), [count, SIDE, SIDE, 1]) };
}

/** Sketch to digit: a U-Net turns one-pixel strokes into the image they were thinned from. */
export function sketchTask(config: RunConfig, data: TaskData): PairedTask {
  const labelled = config.dataset !== 'custom';
  let shown: { real: tf.Tensor4D; sketch: tf.Tensor4D } | null = null;
  let scored: { real: tf.Tensor4D; sketch: tf.Tensor4D } | null = null;
  // One of each class when the set has classes; else its first ten images.
  const fixed = (): Float32Array =>
    labelled ? oneOfEachDigit(data.test) : Float32Array.from(data.test.pixels.subarray(0, 10 * SIDE * SIDE), (p) => p / 127.5 - 1);
  // The U-Net's output is linear (see unet.ts): what is shown, scored and classified is clipped to the image range.
  const made = (trainer: PairedTrainer, x: tf.Tensor4D): tf.Tensor4D => tf.clipByValue(trainer.translate(x), -1, 1);
  return new PairedTask(config, data.train, {
    pairing: sketchPairing,
    l1Baseline: false,
    async showcase(trainer: PairedTrainer) {
      shown ??= withSketches(fixed(), 10);
      const { sketch, real } = shown;
      const rows = tf.tidy(() => tf.stack([sketch, made(trainer, sketch), real], 1));
      const values = (await rows.data()) as Float32Array;
      rows.dispose();
      return { ...renderGrid(values, 3, 10), rows: 10, classIndex: null };
    },
    async evaluate(trainer: PairedTrainer, tools) {
      if (!scored) {
        const held = heldOut(data.test, SCORED_SKETCHES);
        scored = withSketches((await held.data()) as Float32Array, held.shape[0]);
        held.dispose();
      }
      const { real, sketch } = scored;
      const l1 = tf.tidy(() => tf.mean(tf.abs(tf.sub(made(trainer, sketch), real))));
      const values: Record<string, number> = { l1: (await l1.data())[0] };
      l1.dispose();
      const { dataset } = config;
      if (dataset !== 'custom') {
        const recognized = await digitsRecognized((x) => made(trainer, x), sketchBatch(fixed(), 10, SIDE), await tools.classifier(dataset));
        values.recognized = recognized.filter(Boolean).length;
      }
      return { count: real.shape[0], values };
    },
    dispose() {
      tf.dispose([shown?.real, shown?.sketch, scored?.real, scored?.sketch].filter((t): t is tf.Tensor4D => !!t));
    },
  });
}
