import * as tf from '@tensorflow/tfjs';
import type { SeededInit } from '../../models/init';
import { HIGH_SIDE } from './resample';

/** How much smaller the input is than the 28x28 image: 7x7 or 14x14. */
export type UpscaleFactor = 2 | 4;

/**
 * A small conv upsampler: features at the input's size, one transposed conv
 * per doubling, then one channel, added to the input repeated up to 28x28:
 * it starts as a blocky copy and learns only the difference. (Repeating
 * pixels comes out the same in tfjs and PyTorch; their bilinear layers differ.)
 */
export function superResGenerator(init: SeededInit, factor: UpscaleFactor): tf.LayersModel {
  const side = HIGH_SIDE / factor;
  const low = tf.input({ shape: [side, side, 1], name: 'low_res' });
  let h = tf.layers
    .conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.glorot() })
    .apply(low) as tf.SymbolicTensor;
  for (let s = side; s < HIGH_SIDE; s *= 2) {
    h = tf.layers
      .conv2dTranspose({ filters: 32, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init.glorot() })
      .apply(h) as tf.SymbolicTensor;
  }
  const detail = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init.normal02() }).apply(h) as tf.SymbolicTensor;
  const blocky = tf.layers.upSampling2d({ size: [factor, factor] }).apply(low) as tf.SymbolicTensor;
  const out = tf.layers.add().apply([blocky, detail]) as tf.SymbolicTensor;
  return tf.model({ inputs: low, outputs: out, name: 'generator' });
}
