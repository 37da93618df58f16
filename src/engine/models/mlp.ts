import * as tf from '@tensorflow/tfjs';
import { LATENT_SIZE } from '../../shared/settings';
import type { SeededInit } from './init';

/** The Keras tutorial GAN: one hidden layer of 128 on each side. */
export function mlpGenerator(init: SeededInit, inputSize = LATENT_SIZE): tf.Sequential {
  return tf.sequential({
    name: 'generator',
    layers: [
      tf.layers.dense({ inputShape: [inputSize], units: 128, activation: 'relu', kernelInitializer: init.glorot() }),
      tf.layers.dense({ units: 784, activation: 'tanh', kernelInitializer: init.glorot() }),
      tf.layers.reshape({ targetShape: [28, 28, 1] }),
    ],
  });
}

/** `classes` > 0: D reads the flattened image followed by a one-hot of its class (see conditional.ts). */
export function mlpDiscriminator(init: SeededInit, classes = 0): tf.Sequential {
  const hidden = { units: 128, activation: 'relu' as const, kernelInitializer: init.glorot() };
  return tf.sequential({
    name: 'discriminator',
    layers: [
      ...(classes
        ? [tf.layers.dense({ inputShape: [28 * 28 + classes], ...hidden })]
        : [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense(hidden)]),
      tf.layers.dense({ units: 1, kernelInitializer: init.glorot() }),
    ],
  });
}
