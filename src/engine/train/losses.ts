import * as tf from '@tensorflow/tfjs';
import type { LossKind } from '../../shared/protocol';

// Every loss reads D's raw output (a logit for BCE). Binary cross-entropy is
// written with softplus, which is stable for large |logit| where
// log(sigmoid(x)) would underflow.

/** -log(sigmoid(logits)), averaged: the loss for "this is real". */
export function bceReal(logits: tf.Tensor): tf.Scalar {
  return tf.mean(tf.softplus(tf.neg(logits)));
}

/** -log(1 - sigmoid(logits)), averaged: the loss for "this is fake". */
export function bceFake(logits: tf.Tensor): tf.Scalar {
  return tf.mean(tf.softplus(logits));
}

/** Mean probability the discriminator gives: D(x) or D(G(z)). */
export function meanProbability(logits: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sigmoid(logits));
}

/**
 * D's loss on one real and one fake batch, without WGAN-GP's gradient
 * penalty (see gradientPenalty.ts). `realTarget` is 1 minus the one-sided
 * label smoothing: BCE aims at it, LSGAN regresses to it, hinge uses it as
 * the real margin. WGAN-GP has no target and ignores it.
 */
export function discriminatorLoss(loss: LossKind, real: tf.Tensor, fake: tf.Tensor, realTarget: number): tf.Scalar {
  switch (loss) {
    case 'bce':
      // Cross-entropy with target t: t·softplus(-o) + (1-t)·softplus(o); t = 1 is the plain loss.
      if (realTarget === 1) return tf.add(bceReal(real), bceFake(fake));
      return tf.addN([tf.mul(bceReal(real), realTarget), tf.mul(bceFake(real), 1 - realTarget), bceFake(fake)]) as tf.Scalar;
    case 'lsgan':
      return tf.mul(tf.add(tf.mean(tf.square(tf.sub(real, realTarget))), tf.mean(tf.square(fake))), 0.5) as tf.Scalar;
    case 'hinge':
      return tf.add(tf.mean(tf.relu(tf.sub(realTarget, real))), tf.mean(tf.relu(tf.add(fake, 1))));
    case 'wgan-gp':
      return tf.sub(tf.mean(fake), tf.mean(real));
  }
}

/** G's loss on D's output for a fake batch (non-saturating for BCE, least squares to 1 for LSGAN, -D for hinge and WGAN). */
export function generatorLoss(loss: LossKind, fake: tf.Tensor): tf.Scalar {
  switch (loss) {
    case 'bce':
      return bceReal(fake);
    case 'lsgan':
      return tf.mul(tf.mean(tf.square(tf.sub(fake, 1))), 0.5) as tf.Scalar;
    case 'hinge':
    case 'wgan-gp':
      return tf.neg(tf.mean(fake)) as tf.Scalar;
  }
}

/**
 * What the chart's D(x) and D(G(z)) show: for BCE the mean probability
 * (sigmoid of the logit, 0.5 = undecided); for LSGAN the mean raw output,
 * which D pulls towards 1 (real) and 0 (fake); for hinge and WGAN-GP the mean
 * raw score (hinge aims at ≥ 1 and ≤ -1; a WGAN critic's scores are unbounded,
 * and their gap estimates the Wasserstein distance).
 */
export function meanScore(loss: LossKind, out: tf.Tensor): tf.Scalar {
  return loss === 'bce' ? meanProbability(out) : tf.mean(out);
}
