import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { installConvInputGrad } from '../../src/engine/kernels/convInputGrad';
import { expectClose } from './expectClose';

/** dx of a conv2d by the definition, in plain loops: the reference both backends must match. */
function referenceInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, xShape: [number, number, number, number], stride: number, pad: 'same' | 'valid'): Float32Array {
  const [b, h, wd, ci] = xShape;
  const [, oh, ow, co] = dy.shape;
  const [kh, kw] = w.shape;
  const { top, left } = tf.backend_util.computeConv2DInfo(xShape, w.shape, stride, 1, pad).padInfo;
  const dv = dy.dataSync();
  const wv = w.dataSync();
  const out = new Float32Array(b * h * wd * ci);
  for (let n = 0; n < b; n++)
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++)
        for (let a = 0; a < kh; a++)
          for (let c = 0; c < kw; c++) {
            const r = y * stride + a - top;
            const q = z * stride + c - left;
            if (r < 0 || r >= h || q < 0 || q >= wd) continue;
            for (let i = 0; i < ci; i++) {
              let sum = 0;
              for (let o = 0; o < co; o++) sum += dv[((n * oh + y) * ow + z) * co + o] * wv[((a * kw + c) * ci + i) * co + o];
              out[((n * h + r) * wd + q) * ci + i] += sum;
            }
          }
  return out;
}

const CASES: { name: string; x: [number, number, number, number]; k: number; co: number; stride: number; pad: 'same' | 'valid' }[] = [
  { name: 'DCGAN G last layer, k4 s2 same, 1 channel out', x: [3, 28, 28, 1], k: 4, co: 8, stride: 2, pad: 'same' },
  { name: 'k4 s2 same, many channels', x: [2, 14, 14, 16], k: 4, co: 8, stride: 2, pad: 'same' },
  { name: 'k5 s2 same (taps not divisible by the stride)', x: [2, 14, 14, 3], k: 5, co: 4, stride: 2, pad: 'same' },
  { name: 'k3 s1 same', x: [2, 7, 7, 3], k: 3, co: 5, stride: 1, pad: 'same' },
  { name: 'k3 s2 valid, odd size (rows no output sees)', x: [2, 9, 9, 2], k: 3, co: 4, stride: 2, pad: 'valid' },
  { name: 'k3 s2 same, odd size', x: [2, 7, 7, 4], k: 3, co: 3, stride: 2, pad: 'same' },
];

describe.each(['cpu', 'wasm'] as const)('Conv2DBackpropInput on %s', (backend) => {
  it.each(CASES)('matches the definition to 1e-4: $name', async ({ x: xs, k, co, stride, pad }) => {
    await tf.setBackend(backend);
    installConvInputGrad(backend);
    const w = tf.randomNormal([k, k, xs[3], co], 0, 1, 'float32', 1) as tf.Tensor4D;
    const outShape = tf.backend_util.computeConv2DInfo(xs, w.shape, stride, 1, pad).outShape;
    const dy = tf.randomNormal(outShape, 0, 1, 'float32', 2) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const x = tf.zeros(xs) as tf.Tensor4D;
    // d/dx of sum(conv2d(x, W) * dy) is exactly Conv2DBackpropInput(dy, W).
    const dx = tf.grad((v) =>
      tf
        .conv2d(v as tf.Tensor4D, w, stride, pad)
        .mul(dy)
        .sum(),
    )(x);
    x.dispose();
    const got = await dx.data();
    dx.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const want = referenceInputGrad(dy, w, xs, stride, pad);
    expect(got.length).toBe(want.length);
    expectClose(got, want);
    tf.dispose([w, dy]);
  });

  it('runs a conv2dTranspose layer forward exactly (the generator path)', async () => {
    await tf.setBackend(backend);
    installConvInputGrad(backend);
    const x = tf.randomNormal([2, 7, 7, 6], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([4, 4, 3, 6], 0, 1, 'float32', 4) as tf.Tensor4D;
    const got = await tf.conv2dTranspose(x, w, [2, 14, 14, 3], 2, 'same').data();
    const want = referenceInputGrad(x, w, [2, 14, 14, 3], 2, 'same');
    expectClose(got, want);
    tf.dispose([x, w]);
  });
});

afterAll(async () => {
  await tf.setBackend('cpu');
});
