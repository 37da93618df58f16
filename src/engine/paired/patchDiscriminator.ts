import * as tf from '@tensorflow/tfjs';
import type { SeededInit } from '../models/init';
import { SIDE } from './pairedTrainer';

/** Two strided convs and a 3x3 conv to one logit per 4x4 patch (7x7 of them). */
function patches(init: SeededInit, x: tf.SymbolicTensor): tf.SymbolicTensor {
  let h = x;
  for (const filters of [32, 64]) {
    h = tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init.normal02() }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.leakyReLU({ alpha: 0.2 }).apply(h) as tf.SymbolicTensor;
  }
  return tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init.normal02() }).apply(h) as tf.SymbolicTensor;
}

/**
 * pix2pix's conditional patch discriminator: it sees the 28x28 image beside
 * its input (a smaller input repeated up to 28x28), so it judges whether the
 * image is real and fits that input, one verdict per 4x4 patch.
 */
export function patchDiscriminator(init: SeededInit, inputSide: number): tf.LayersModel {
  const image = tf.input({ shape: [SIDE, SIDE, 1], name: 'image' });
  const input = tf.input({ shape: [inputSide, inputSide, 1], name: 'input' });
  const factor = SIDE / inputSide;
  const inputUp = factor === 1 ? input : (tf.layers.upSampling2d({ size: [factor, factor] }).apply(input) as tf.SymbolicTensor);
  const pair = tf.layers.concatenate().apply([image, inputUp]) as tf.SymbolicTensor;
  return tf.model({ inputs: [image, input], outputs: patches(init, pair), name: 'discriminator' });
}

/** The same patch discriminator for one image alone (CycleGAN's: there is no paired input). */
export function patchCritic(init: SeededInit, name: string): tf.LayersModel {
  const image = tf.input({ shape: [SIDE, SIDE, 1], name: 'image' });
  return tf.model({ inputs: image, outputs: patches(init, image), name });
}
