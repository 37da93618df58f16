import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's Adam has no setters, but reads `learningRate` and `beta1` from its
 * fields on every step; writing them keeps the moment estimates and the
 * iteration count, which is what a live knob needs.
 */
interface AdamFields {
  learningRate: number;
  beta1: number;
}

export function makeAdam(learningRate: number, beta1: number): tf.AdamOptimizer {
  return tf.train.adam(learningRate, beta1, 0.999, 1e-8);
}

export function setAdam(opt: tf.AdamOptimizer, learningRate: number, beta1: number): void {
  const fields = opt as unknown as AdamFields;
  fields.learningRate = learningRate;
  fields.beta1 = beta1;
}

export function readAdam(opt: tf.AdamOptimizer): AdamFields {
  const fields = opt as unknown as AdamFields;
  return { learningRate: fields.learningRate, beta1: fields.beta1 };
}
