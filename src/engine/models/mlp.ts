import * as tf from '@tensorflow/tfjs';
import { LATENT_SIZE } from '../hyperparams';
import type { SeededInit } from './init';

/** The Keras tutorial GAN: one hidden layer of 128 on each side. */
export function mlpGenerator(init: SeededInit): tf.Sequential {
  return tf.sequential({
    name: 'generator',
    layers: [
      tf.layers.dense({ inputShape: [LATENT_SIZE], units: 128, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.dense({ units: 784, activation: 'tanh', kernelInitializer: init.glorot() }),
      tf.layers.reshape({ targetShape: [28, 28, 1] }),
    ],
  });
}

export function mlpDiscriminator(init: SeededInit): tf.Sequential {
  return tf.sequential({
    name: 'discriminator',
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.dense({ units: 1, kernelInitializer: init.glorot() }),
    ],
  });
}
