import * as tf from '@tensorflow/tfjs';

export const GP_WEIGHT = 10;

let installed = false;

/**
 * The penalty differentiates a gradient: LeakyReLU's gradient is
 * where(x > 0, dy, α·dy), and tfjs has no gradient for the comparison. Its
 * true derivative is zero almost everywhere, so register exactly that.
 */
export function installSecondOrderGradients(): void {
  if (installed) return;
  installed = true;
  for (const kernelName of ['Greater', 'GreaterEqual']) {
    if (tf.getGradient(kernelName)) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
    });
  }
}

/**
 * WGAN-GP's penalty (Gulrajani et al. 2017): λ·E[(‖∇x̂ D(x̂)‖₂ - 1)²] on
 * x̂ = ε·real + (1-ε)·fake with one ε ~ U(0, 1) per sample. Call it inside
 * the critic's loss: the critic's update then differentiates through the
 * inner gradient (double backprop).
 */
export function gradientPenalty(critic: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, fake: tf.Tensor, eps: tf.Tensor): tf.Scalar {
  installSecondOrderGradients();
  const b = real.shape[0];
  const e = tf.reshape(eps, [b, ...real.shape.slice(1).map(() => 1)]);
  const mixed = tf.add(tf.mul(e, real), tf.mul(tf.sub(1, e), fake));
  const grad = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(mixed);
  const axes = grad.shape.slice(1).map((_, i) => i + 1);
  // The small constant keeps the norm's own gradient finite where the input gradient is exactly zero.
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), axes), 1e-12));
  return tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), GP_WEIGHT);
}
