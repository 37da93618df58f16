import * as tf from '@tensorflow/tfjs';
import { LATENT_SIZE } from '../../shared/settings';
import { DCGAN_WIDTH } from '../../shared/choices/models';
import type { SeededInit } from './init';

// BatchNorm momentum 0.9 matches PyTorch's 0.1 update rate, so the moving
// statistics the sample grid uses keep up with a fast-changing generator.
const BN = { momentum: 0.9, epsilon: 1e-5 };

/** DCGAN-28: a light DCGAN for 28x28 images (transposed convs, k4 s2). */
export function dcganGenerator(init: SeededInit, inputSize = LATENT_SIZE, width: number = DCGAN_WIDTH.dcgan): tf.Sequential {
  return tf.sequential({
    name: 'generator',
    layers: [
      tf.layers.dense({ inputShape: [inputSize], units: 7 * 7 * 2 * width, useBias: false, kernelInitializer: init.normal02() }),
      tf.layers.reshape({ targetShape: [7, 7, 2 * width] }),
      tf.layers.batchNormalization(BN),
      tf.layers.reLU(),
      tf.layers.conv2dTranspose({ filters: width, kernelSize: 4, strides: 2, padding: 'same', useBias: false, kernelInitializer: init.normal02() }),
      tf.layers.batchNormalization(BN),
      tf.layers.reLU(),
      tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: init.normal02() }),
    ],
  });
}

/**
 * `classes` > 0: the class comes in as that many constant one-hot channels
 * beside the image. `batchNorm` false (WGAN-GP): the second conv gets a bias
 * instead, since a gradient penalty is per sample and batch statistics mix
 * the batch (Gulrajani et al. drop BatchNorm from the critic).
 */
export function dcganDiscriminator(init: SeededInit, classes = 0, batchNorm = true, width: number = DCGAN_WIDTH.dcgan): tf.Sequential {
  return tf.sequential({
    name: 'discriminator',
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1 + classes], filters: width, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init.normal02() }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.conv2d({ filters: 2 * width, kernelSize: 4, strides: 2, padding: 'same', useBias: !batchNorm, kernelInitializer: init.normal02() }),
      ...(batchNorm ? [tf.layers.batchNormalization(BN)] : []),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, kernelInitializer: init.normal02() }),
    ],
  });
}
