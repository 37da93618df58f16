import * as tf from '@tensorflow/tfjs';
import type { SeededInit } from '../models/init';
import { SIDE } from './pairedTrainer';

type Sym = tf.SymbolicTensor;

/**
 * A small U-Net from one 28x28 image to another: two strided convs down to
 * 7x7, two transposed convs back up, each joined by a skip connection to the
 * encoder's map of the same size (and the input itself at full size), so
 * where the strokes are is never lost. `linear` drops the final tanh: trained
 * on L1 toward mostly-black targets, a tanh output saturates at -1 within ~50
 * steps and stops learning (measured: sketch L1 stuck at the all-black 0.25
 * for 400 steps with tanh, 0.13 without); callers clip what they show.
 */
export function unetGenerator(init: SeededInit, output: 'tanh' | 'linear' = 'tanh'): tf.LayersModel {
  const source = tf.input({ shape: [SIDE, SIDE, 1], name: 'source' });
  const down = (h: Sym, filters: number): Sym => {
    const c = tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init.glorot() }).apply(h) as Sym;
    return tf.layers.leakyReLU({ alpha: 0.2 }).apply(c) as Sym;
  };
  const up = (h: Sym, skip: Sym, filters: number): Sym => {
    const c = tf.layers
      .conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init.glorot() })
      .apply(h) as Sym;
    return tf.layers.concatenate().apply([c, skip]) as Sym;
  };
  const e14 = down(source, 32);
  const e7 = down(e14, 64);
  const middle = tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init.glorot() }).apply(e7) as Sym;
  const d28 = up(up(middle, e14, 32), source, 32);
  const out = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: output, kernelInitializer: init.glorot() }).apply(d28) as Sym;
  return tf.model({ inputs: source, outputs: out, name: 'generator' });
}
