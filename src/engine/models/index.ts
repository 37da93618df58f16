import * as tf from '@tensorflow/tfjs';
import type { ModelKind, RunConfig } from '../../shared/protocol';
import { LATENT_SIZE, NUM_CLASSES } from '../../shared/settings';
import { DCGAN_WIDTH } from '../../shared/choices/models';
import type { Rng } from '../../shared/rng';
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

/** What besides the model kind shapes the networks. */
export interface GanVariant {
  /** One-hot class inputs for G and D. */
  conditional: boolean;
  /** False for WGAN-GP: its penalty needs a critic without batch statistics (and double backprop, which our fused BatchNorm gradient does not give). */
  criticBatchNorm: boolean;
}

export const PLAIN: GanVariant = { conditional: false, criticBatchNorm: true };

export function ganVariant(config: Pick<RunConfig, 'conditional' | 'loss'>): GanVariant {
  return { conditional: config.conditional, criticBatchNorm: config.loss !== 'wgan-gp' };
}

export function buildGan(kind: ModelKind, seed: number, variant: GanVariant = PLAIN): Gan {
  const init = new SeededInit(seed);
  const classes = variant.conditional ? NUM_CLASSES : 0;
  const zIn = LATENT_SIZE + classes;
  switch (kind) {
    case 'mlp':
      return { generator: mlpGenerator(init, zIn), discriminator: mlpDiscriminator(init, classes) };
    case 'dcgan':
    case 'dcgan-lite': {
      const width = DCGAN_WIDTH[kind];
      return { generator: dcganGenerator(init, zIn, width), discriminator: dcganDiscriminator(init, classes, variant.criticBatchNorm, width) };
    }
    case 'dcgan-seed':
      if (classes) throw new Error('DCGAN (seed) has no conditional variant');
      return { generator: dcganSeedGenerator(init), discriminator: dcganSeedDiscriminator(init, variant.criticBatchNorm) };
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
