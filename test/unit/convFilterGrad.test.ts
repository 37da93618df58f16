import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { installConvFilterGrad } from '../../src/engine/kernels/convFilterGrad';
import { expectClose } from './expectClose';

/** dW by the definition, in plain loops: the reference both backends must match. */
function referenceFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  stride: number,
  pad: 'same' | 'valid',
): Float32Array {
  const [b, h, w, ci] = x.shape;
  const [, oh, ow, co] = dy.shape;
  const [kh, kw] = filterShape;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, stride, 1, pad);
  const { top, left } = info.padInfo;
  const xv = x.dataSync();
  const dv = dy.dataSync();
  const out = new Float32Array(kh * kw * ci * co);
  for (let a = 0; a < kh; a++)
    for (let c = 0; c < kw; c++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++) {
          let sum = 0;
          for (let n = 0; n < b; n++)
            for (let y = 0; y < oh; y++)
              for (let z = 0; z < ow; z++) {
                const r = y * stride + a - top;
                const q = z * stride + c - left;
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                sum += xv[((n * h + r) * w + q) * ci + i] * dv[((n * oh + y) * ow + z) * co + o];
              }
          out[((a * kw + c) * ci + i) * co + o] = sum;
        }
  return out;
}

const CASES: { name: string; x: [number, number, number, number]; k: number; co: number; stride: number; pad: 'same' | 'valid' }[] = [
  { name: 'DCGAN D conv, k4 s2 same', x: [3, 28, 28, 1], k: 4, co: 8, stride: 2, pad: 'same' },
  { name: 'k4 s2 same, many channels', x: [2, 14, 14, 16], k: 4, co: 8, stride: 2, pad: 'same' },
  { name: 'k3 s1 same', x: [2, 7, 7, 3], k: 3, co: 5, stride: 1, pad: 'same' },
  { name: 'k3 s2 valid, odd size (rows left over)', x: [2, 9, 9, 2], k: 3, co: 4, stride: 2, pad: 'valid' },
  { name: 'k3 s2 same, odd size', x: [2, 7, 7, 4], k: 3, co: 3, stride: 2, pad: 'same' },
];

describe.each(['cpu', 'wasm'] as const)('Conv2DBackpropFilter on %s', (backend) => {
  it.each(CASES)('matches the definition to 1e-4: $name', async ({ x: xs, k, co, stride, pad }) => {
    await tf.setBackend(backend);
    installConvFilterGrad(backend);
    const filterShape: [number, number, number, number] = [k, k, xs[3], co];
    const x = tf.randomNormal(xs, 0, 1, 'float32', 1) as tf.Tensor4D;
    const outShape = tf.backend_util.computeConv2DInfo(xs, filterShape, stride, 1, pad).outShape;
    const dy = tf.randomNormal(outShape, 0, 1, 'float32', 2) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const w = tf.zeros(filterShape) as tf.Tensor4D;
    // d/dW of sum(conv2d(x, W) * dy) is exactly Conv2DBackpropFilter(x, dy).
    const dW = tf.grad((k) =>
      tf
        .conv2d(x, k as tf.Tensor4D, stride, pad)
        .mul(dy)
        .sum(),
    )(w);
    w.dispose();
    const got = await dW.data();
    const want = referenceFilterGrad(x, dy, filterShape, stride, pad);
    dW.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectClose(got, want);
    tf.dispose([x, dy]);
  });

  it('gives a conv2dTranspose layer the same kernel gradient as the definition', async () => {
    await tf.setBackend(backend);
    installConvFilterGrad(backend);
    // conv2dTranspose's kernel gradient is Conv2DBackpropFilter with x and dy swapped.
    const x = tf.randomNormal([2, 7, 7, 6], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([4, 4, 3, 6], 0, 1, 'float32', 4) as tf.Tensor4D;
    const g = tf.grad((k) =>
      tf
        .conv2dTranspose(x, k as tf.Tensor4D, [2, 14, 14, 3], 2, 'same')
        .square()
        .sum(),
    )(w);
    const y = tf.conv2dTranspose(x, w, [2, 14, 14, 3], 2, 'same');
    const want = referenceFilterGrad(y.mul(2) as tf.Tensor4D, x, [4, 4, 3, 6], 2, 'same');
    const got = await g.data();
    expectClose(got, want);
    tf.dispose([x, w, g, y]);
  });
});

afterAll(async () => {
  await tf.setBackend('cpu');
});
