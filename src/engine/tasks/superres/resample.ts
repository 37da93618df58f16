import * as tf from '@tensorflow/tfjs';

/** Side of the images super-resolution restores. */
export const HIGH_SIDE = 28;

/** The low-resolution input: every pixel the mean of its factor x factor block (what a camera with bigger pixels records). */
export function downscale(high: tf.Tensor4D, factor: number): tf.Tensor4D {
  return tf.avgPool(high, factor, factor, 'valid');
}

/** Keys' cubic convolution kernel with a = -0.75, the value PyTorch's and OpenCV's bicubic use. */
function cubic(t: number, a = -0.75): number {
  const x = Math.abs(t);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/**
 * The out x in matrix W with W·v = v resampled bicubically, as
 * `F.interpolate(mode='bicubic', align_corners=False)` does it: pixel
 * centres at half-integers, the four nearest taps, borders repeated.
 */
export function bicubicMatrix(inSize: number, outSize: number): Float32Array {
  const w = new Float32Array(outSize * inSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const src = (o + 0.5) * scale - 0.5;
    const base = Math.floor(src);
    for (let k = -1; k <= 2; k++) {
      const tap = Math.min(inSize - 1, Math.max(0, base + k));
      w[o * inSize + tap] += cubic(src - (base + k));
    }
  }
  return w;
}

/**
 * Bicubic upscaling of one-channel images to `side` x `side`, the baseline a
 * learned upscaler has to beat: rows then columns, each one matrix product.
 */
export function bicubicUp(low: tf.Tensor4D, side = HIGH_SIDE): tf.Tensor4D {
  const [b, h, w] = low.shape;
  return tf.tidy(() => {
    const rows = tf.tensor2d(bicubicMatrix(h, side), [side, h]);
    const cols = tf.tensor2d(bicubicMatrix(w, side), [side, w]);
    // [b*h, w] x [w, side]: every row resampled, then the same down the columns.
    const wide = tf.matMul(tf.reshape(low, [b * h, w]), cols, false, true);
    const byRow = tf.reshape(tf.transpose(tf.reshape(wide, [b, h, side]), [1, 0, 2]), [h, b * side]);
    const tall = tf.matMul(rows, byRow);
    return tf.reshape(tf.transpose(tf.reshape(tall, [side, b, side]), [1, 0, 2]), [b, side, side, 1]) as tf.Tensor4D;
  });
}
