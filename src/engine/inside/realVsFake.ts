import * as tf from '@tensorflow/tfjs';
import type { LossKind, ScoreKind, WorkerEvent } from '../../shared/protocol';
import type { ImageSet } from '../data/mnist';
import { IMAGE_SIDE, toGray } from './generatorSource';
import { LATENT_SIZE } from '../../shared/settings';
import { forward } from '../models';
import { discriminatorInput, generatorInput, oneHot } from '../models/conditional';
import { Rng } from '../../shared/rng';
import type { NoiseGenerator } from '../train/noiseGenerator';

export const REAL_VS_FAKE_COUNT = 8;

/**
 * The number shown on an image for D's logit: the probability of "real" for
 * BCE-style losses, the raw value for a critic (WGAN), whose output is no
 * probability. Every score on screen goes through here.
 */
export function dScore(logit: number, kind: ScoreKind = 'probability'): number {
  return kind === 'probability' ? 1 / (1 + Math.exp(-logit)) : logit;
}

/** BCE's logit reads as a probability; the other losses' outputs are scores on their own scale. */
export const scoreKindOf = (loss: LossKind): ScoreKind => (loss === 'bce' ? 'probability' : 'critic');

/**
 * `count` real training images and `count` fresh fakes, each with D's score
 * (inference mode, as the grid). Picks and noise are seeded by the step, so
 * the same step shows the same images. A conditional D judges each real image
 * with its own class, and the k-th fake is drawn for the k-th real's class.
 */
export async function realVsFake(trainer: NoiseGenerator, data: ImageSet, count = REAL_VS_FAKE_COUNT): Promise<Extract<WorkerEvent, { type: 'realVsFake' }>> {
  const kind = scoreKindOf(trainer.config.loss);
  const step = trainer.stepCount;
  const rng = new Rng(step ^ 0x7ea1);
  const px = IMAGE_SIDE * IMAGE_SIDE;
  const real = new Float32Array(count * px);
  const labels: number[] = [];
  for (let k = 0; k < count; k++) {
    const pick = rng.int(data.count);
    labels.push(data.labels[pick]);
    for (let i = 0; i < px; i++) real[k * px + i] = data.pixels[pick * px + i] / 127.5 - 1;
  }
  const noise = rng.fillNormal(new Float32Array(count * LATENT_SIZE));
  const { generator: G, discriminator: D } = trainer.gan;
  const { conditional, model } = trainer.config;
  const out = tf.tidy(() => {
    const classes = conditional ? oneHot(labels) : null;
    const fake = forward(G, generatorInput(tf.tensor2d(noise, [count, LATENT_SIZE]), classes), false, rng);
    const realT = tf.tensor4d(real, [count, IMAGE_SIDE, IMAGE_SIDE, 1]);
    const logits = forward(D, discriminatorInput(model, tf.concat([realT, fake]), classes && tf.concat([classes, classes])), false, rng);
    return tf.concat([tf.reshape(fake, [-1]), tf.reshape(logits, [-1])]);
  });
  const v = (await out.data()) as Float32Array;
  out.dispose();
  const logits = Array.from(v.subarray(count * px), (l) => dScore(l, kind));
  return {
    type: 'realVsFake',
    step,
    real: { count, size: IMAGE_SIDE, gray: toGray(real) },
    fake: { count, size: IMAGE_SIDE, gray: toGray(v.subarray(0, count * px)) },
    realScores: logits.slice(0, count),
    fakeScores: logits.slice(count),
    scoreKind: kind,
  };
}
