import * as tf from '@tensorflow/tfjs';
import { LATENT_SIZE } from '../../shared/settings';
import type { SeededInit } from './init';

// The seed material's Keras DCGAN: upsample + 3x3 convs in G, a strided
// conv stack with dropout in D. Keras' BN momentum 0.8 is kept as written.
const BN = { momentum: 0.8 };

export function dcganSeedGenerator(init: SeededInit): tf.Sequential {
  const conv = (filters: number, activation?: 'tanh') =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation, kernelInitializer: init.glorot() });
  return tf.sequential({
    name: 'generator',
    layers: [
      tf.layers.dense({ inputShape: [LATENT_SIZE], units: 128 * 7 * 7, kernelInitializer: init.glorot() }),
      tf.layers.reshape({ targetShape: [7, 7, 128] }),
      tf.layers.batchNormalization(BN),
      tf.layers.upSampling2d({ size: [2, 2] }),
      conv(128),
      tf.layers.batchNormalization(BN),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.upSampling2d({ size: [2, 2] }),
      conv(64),
      tf.layers.batchNormalization(BN),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      conv(1, 'tanh'),
    ],
  });
}

/** `batchNorm` false for a WGAN-GP critic (see dcgan.ts). */
export function dcganSeedDiscriminator(init: SeededInit, batchNorm = true): tf.Sequential {
  const layers: tf.layers.Layer[] = [];
  const block = (filters: number, strides: number, bn: boolean, first = false) => {
    layers.push(
      tf.layers.conv2d({
        ...(first ? { inputShape: [28, 28, 1] } : {}),
        filters,
        kernelSize: 3,
        strides,
        padding: 'same',
        kernelInitializer: init.glorot(),
      }),
    );
    if (bn && batchNorm) layers.push(tf.layers.batchNormalization(BN));
    layers.push(tf.layers.leakyReLU({ alpha: 0.2 }), tf.layers.dropout({ rate: 0.25 }));
  };
  block(16, 2, false, true);
  block(32, 2, true);
  block(64, 2, true);
  block(128, 1, true);
  layers.push(tf.layers.flatten(), tf.layers.dense({ units: 1, kernelInitializer: init.glorot() }));
  return tf.sequential({ name: 'discriminator', layers });
}
