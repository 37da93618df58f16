import * as tf from '@tensorflow/tfjs';

// Binary cross-entropy written on logits with softplus, which is stable for
// large |logit| where log(sigmoid(x)) would underflow.

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
