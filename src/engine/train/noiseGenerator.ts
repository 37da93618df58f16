import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../shared/protocol';
import type { Gan } from '../models';

/**
 * A run that makes images from noise, as the latent and real-vs-fake views,
 * the quality score, the samples export and the state digest see it (the
 * digits task is one; a task that has none of those views leaves it out).
 */
export interface NoiseGenerator {
  readonly config: RunConfig;
  readonly stepCount: number;
  readonly gan: Gan;
  /** Generator output for its full input (noise, then the one-hot for conditional runs), inference mode. */
  generate(z: tf.Tensor2D): tf.Tensor4D;
  /** Images from noise alone, inference mode; a conditional generator is asked for the classes in turn from `first`. */
  sample(z: tf.Tensor2D, first?: number): tf.Tensor4D;
}
