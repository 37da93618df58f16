import * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../../protocol';
import type { Rng } from '../rng';
import { batchNormTraining } from './batchNorm';
import { dcganDiscriminator, dcganGenerator } from './dcgan';
import { dcganSeedDiscriminator, dcganSeedGenerator } from './dcganSeed';
import { SeededInit } from './init';
import { mlpDiscriminator, mlpGenerator } from './mlp';

export interface Gan {
  generator: tf.Sequential;
  discriminator: tf.Sequential;
}

/** True for models with convolutions (slow on software GPUs, need conv gradients). */
export function isConvModel(kind: ModelKind): boolean {
  return kind !== 'mlp';
}

export function buildGan(kind: ModelKind, seed: number): Gan {
  const init = new SeededInit(seed);
  switch (kind) {
    case 'mlp':
      return { generator: mlpGenerator(init), discriminator: mlpDiscriminator(init) };
    case 'dcgan':
      return { generator: dcganGenerator(init), discriminator: dcganDiscriminator(init) };
    case 'dcgan-seed':
      return { generator: dcganSeedGenerator(init), discriminator: dcganSeedDiscriminator(init) };
  }
}

/**
 * Runs a Sequential layer by layer. Dropout draws its mask from the run's own
 * seeded stream (a Dropout layer with a fixed seed would repeat one mask);
 * BatchNorm trains with a fused gradient (see batchNorm.ts).
 */
export function forward(model: tf.Sequential, x: tf.Tensor, training: boolean, rng: Rng): tf.Tensor {
  let h = x;
  for (const layer of model.layers) {
    const name = layer.getClassName();
    if (name === 'BatchNormalization' && training) {
      h = batchNormTraining(layer, h) ?? (layer.apply(h, { training }) as tf.Tensor);
    } else if (name === 'Dropout') {
      if (!training) continue;
      const rate = (layer.getConfig() as { rate: number }).rate;
      const keep = tf.greaterEqual(tf.randomUniform(h.shape, 0, 1, 'float32', rng.int(2 ** 31)), rate);
      h = tf.div(tf.mul(h, tf.cast(keep, 'float32')), 1 - rate);
    } else {
      h = layer.apply(h, { training }) as tf.Tensor;
    }
  }
  return h;
}
