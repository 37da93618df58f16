import * as tf from '@tensorflow/tfjs';

// Both measures read images in [-1, 1] (the models' range), clipped to it and
// mapped to [0, 1], so the peak value L is 1.

/** A perfect copy would score infinity: per-image PSNR is capped at this (an MSE of 1e-10). */
export const PSNR_CAP_DB = 100;

const toUnit = (x: tf.Tensor): tf.Tensor => tf.div(tf.add(tf.clipByValue(x, -1, 1), 1), 2);

/** Peak signal-to-noise ratio of each image against its reference, in dB: 10·log10(1 / MSE). */
export function psnr(images: tf.Tensor4D, reference: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const mse = tf.mean(tf.squaredDifference(toUnit(images), toUnit(reference)), [1, 2, 3]);
    return tf.mul(tf.log(tf.maximum(mse, 10 ** (-PSNR_CAP_DB / 10))), -10 / Math.LN10) as tf.Tensor1D;
  });
}

/** The SSIM window of Wang et al. (2004): an 11-tap Gaussian with σ = 1.5, normalised to sum 1. */
export function ssimWindow(taps = 11, sigma = 1.5): Float32Array {
  const half = (taps - 1) / 2;
  const w = Float32Array.from({ length: taps }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
}

const C1 = (0.01 * 1) ** 2;
const C2 = (0.03 * 1) ** 2;

/**
 * Structural similarity of each image to its reference (Wang et al. 2004):
 * local means, variances and covariance under the Gaussian window, over the
 * positions where the window fits inside the image, averaged per image.
 * 1 is identical; it weighs structure, where PSNR only counts error.
 */
export function ssim(images: tf.Tensor4D, reference: tf.Tensor4D, window = ssimWindow()): tf.Tensor1D {
  return tf.tidy(() => {
    const n = window.length;
    const across = tf.tensor4d(window, [1, n, 1, 1]);
    const down = tf.tensor4d(window, [n, 1, 1, 1]);
    const blur = (t: tf.Tensor): tf.Tensor4D => tf.conv2d(tf.conv2d(t as tf.Tensor4D, across, 1, 'valid'), down, 1, 'valid');
    const x = toUnit(images);
    const y = toUnit(reference);
    const [mx, my] = [blur(x), blur(y)];
    const [mx2, my2, mxy] = [tf.square(mx), tf.square(my), tf.mul(mx, my)];
    const vx = tf.sub(blur(tf.square(x)), mx2);
    const vy = tf.sub(blur(tf.square(y)), my2);
    const cov = tf.sub(blur(tf.mul(x, y)), mxy);
    const top = tf.mul(tf.add(tf.mul(mxy, 2), C1), tf.add(tf.mul(cov, 2), C2));
    const bottom = tf.mul(tf.add(tf.add(mx2, my2), C1), tf.add(tf.add(vx, vy), C2));
    return tf.mean(tf.div(top, bottom), [1, 2, 3]) as tf.Tensor1D;
  });
}
