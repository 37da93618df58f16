import * as tf from '@tensorflow/tfjs';
import type { Adam } from './adam';

/**
 * One of a task's networks with the optimizer that trains it: what run files,
 * rollback copies and NaN checks hold for each network, whatever the task.
 */
export interface TrainedPart {
  /** Its name in run files ('g' and 'd' for a GAN; a task may have more). */
  name: string;
  model: tf.LayersModel;
  opt: Adam;
  vars: tf.Variable[];
}

/** A part for a network and its optimizer: it trains the network's trainable weights. */
export function trainedPart(name: string, model: tf.LayersModel, opt: Adam): TrainedPart {
  return { name, model, opt, vars: model.trainableWeights.map((w) => w.read() as tf.Variable) };
}

/** A task as the session's run-keeping sees it: its networks, and the step it is at. */
export interface HasParts {
  stepCount: number;
  parts(): TrainedPart[];
}

/** Whether every weight of every part (BatchNorm statistics too) is finite, with one scalar read: w·0 sums to NaN if any w is NaN or infinite. */
export async function partsFinite(parts: TrainedPart[]): Promise<boolean> {
  const probe = tf.tidy(() => tf.addN(parts.flatMap((p) => p.model.weights).map((w) => tf.sum(tf.mul(w.read(), 0)))));
  const [v] = await probe.data();
  probe.dispose();
  return Number.isFinite(v);
}

/** Frees every part's network and optimizer state. */
export function disposeParts(parts: TrainedPart[]): void {
  for (const p of parts) {
    p.opt.dispose();
    p.model.dispose();
  }
}

/** k steps enqueued back to back, each giving one row of values, read with one await: a row per step. */
export async function stepRows(k: number, enqueueStep: () => tf.Tensor1D): Promise<Float32Array[]> {
  const all = tf.tidy(() => tf.stack(Array.from({ length: k }, enqueueStep)));
  const v = (await all.data()) as Float32Array;
  const width = all.shape[1] ?? 0;
  all.dispose();
  return Array.from({ length: k }, (_, i) => v.subarray(width * i, width * (i + 1)));
}
