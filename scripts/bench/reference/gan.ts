// The Keras-tutorial GAN in tfjs Layers, as other in-browser GAN demos train
// it: a compiled sigmoid discriminator and a combined G -> frozen-D model,
// both stepped with trainOnBatch. The networks are the app's own.
import * as tf from '@tensorflow/tfjs';
import { defaultConfig } from '../../../src/shared/hyperparams';
import { LATENT_SIZE } from '../../../src/shared/settings';
import { buildGan } from '../../../src/engine/models';
import type { ModelKind } from '../../../src/shared/protocol';

export interface KerasGan {
  generator: tf.Sequential;
  /** Our D plus a sigmoid; adam + binaryCrossentropy. */
  discriminator: tf.LayersModel;
  /** z -> G -> D with D frozen: trainOnBatch updates only G. */
  combined: tf.LayersModel;
  /** Labels 1 (real, and what G wants D to say) and 0 (fake), made once like the tutorial's. */
  ones: tf.Tensor;
  zeros: tf.Tensor;
}

export function buildKerasGan(kind: ModelKind): KerasGan {
  const cfg = defaultConfig(kind);
  const { generator, discriminator: logits } = buildGan(kind, cfg.seed);

  const image = tf.input({ shape: [28, 28, 1] });
  const prob = tf.layers.activation({ activation: 'sigmoid' }).apply(logits.apply(image)) as tf.SymbolicTensor;
  const discriminator = tf.model({ inputs: image, outputs: prob });
  discriminator.compile({ optimizer: tf.train.adam(cfg.dLearningRate, cfg.beta1), loss: 'binaryCrossentropy' });

  // Frozen after D compiled its weight list, before the combined model
  // collects its own: D's trainOnBatch still updates D. (D's variables sit in
  // the nested Sequential, which this flag does not reach in tfjs, so they stay
  // trainable for D's optimizer.)
  discriminator.trainable = false;
  const z = tf.input({ shape: [LATENT_SIZE] });
  const combined = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) as tf.SymbolicTensor });
  combined.compile({ optimizer: tf.train.adam(cfg.gLearningRate, cfg.beta1), loss: 'binaryCrossentropy' });

  return {
    generator,
    discriminator,
    combined,
    ones: tf.ones([cfg.batchSize, 1]),
    zeros: tf.zeros([cfg.batchSize, 1]),
  };
}

export interface StepResult {
  dMs: number;
  gMs: number;
  dLoss: number;
  gLoss: number;
  /** tf.memory().numTensors while the step's inputs are alive. */
  tensors: number;
}

/** One tutorial step: D on a real batch, D on a fake batch, then G through the combined model. */
export async function trainStep(gan: KerasGan, realPixels: Float32Array): Promise<StepResult> {
  const batch = gan.ones.shape[0];
  const t0 = performance.now();
  const real = tf.tensor4d(realPixels, [batch, 28, 28, 1]);
  const fake = tf.tidy(() => gan.generator.predict(tf.randomNormal([batch, LATENT_SIZE])) as tf.Tensor);
  const dReal = (await gan.discriminator.trainOnBatch(real, gan.ones)) as number;
  const dFake = (await gan.discriminator.trainOnBatch(fake, gan.zeros)) as number;
  const tensorsD = tf.memory().numTensors;
  tf.dispose([real, fake]);
  const t1 = performance.now();
  const z = tf.randomNormal([batch, LATENT_SIZE]);
  const gLoss = (await gan.combined.trainOnBatch(z, gan.ones)) as number;
  const tensors = Math.max(tensorsD, tf.memory().numTensors);
  z.dispose();
  const t2 = performance.now();
  return { dMs: t1 - t0, gMs: t2 - t1, dLoss: (dReal + dFake) / 2, gLoss, tensors };
}
