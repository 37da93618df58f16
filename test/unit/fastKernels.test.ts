import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam } from '../../src/engine/train/adam';
import { installChannelSums } from '../../src/engine/kernels/channelSums';
import { installWasmKernels } from '../../src/engine/kernels/wasmKernels';
import { batchNormTraining } from '../../src/engine/models/batchNorm';
import { expectClose } from './expectClose';

/** Runs f on a backend and returns its outputs as plain arrays. */
async function on(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = f();
  const values = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(outs);
  return values;
}

const rand = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);

describe('wasm matmul and tanh paths', () => {
  it('dense-layer gradients (transposed matmuls) and tanh match the cpu backend', async () => {
    await tf.setBackend('wasm');
    installWasmKernels();
    const run = (): tf.Tensor[] => {
      const x = rand([64, 784], 1);
      const w = rand([784, 128], 2);
      const dy = rand([64, 128], 3);
      const [dx, dw] = tf.grads((a, b) => tf.tanh(tf.matMul(a, b)).mul(dy).sum())([x, w]);
      const fused = tf.fused.matMul({ a: x, b: w, transposeA: false, transposeB: false, bias: rand([128], 4), activation: 'relu' });
      const fusedT = tf.fused.matMul({ a: w, b: x, transposeA: true, transposeB: true, bias: rand([64], 5) });
      // Both operands stored transposed, the big one on the right: computed flipped, as (B·A)ᵀ.
      const bothT = tf.matMul(rand([784, 64], 7), rand([128, 784], 8), true, true);
      return [dx, dw, tf.tanh(rand([1000], 6).mul(4)), fused, fusedT, bothT];
    };
    const got = await on('wasm', run);
    const want = await on('cpu', run);
    got.forEach((g, i) => expectClose(g, want[i]));
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    installWasmKernels();
    const a = rand([8, 5], 1);
    const b = rand([8, 3], 2);
    const before = tf.memory().numTensors;
    tf.dispose([tf.matMul(a, b, true, false), tf.matMul(b, a, true, false), tf.tanh(a)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});

describe('per-channel Sum and Mean on wasm', () => {
  it('match the cpu backend, and other reductions still work', async () => {
    await tf.setBackend('wasm');
    installChannelSums('wasm');
    const run = (): tf.Tensor[] => {
      const x = rand([6, 5, 4, 3], 9).add(2);
      return [
        tf.sum(x, [0, 1, 2]),
        tf.mean(x, [0, 1, 2], true),
        tf.mean(x, [-2, 0, 1]),
        tf.sum(rand([7, 3], 10), 0),
        tf.sum(x, [1, 2]),
        tf.mean(x, 3),
        tf.sum(x),
      ];
    };
    const got = await on('wasm', run);
    const want = await on('cpu', run);
    got.forEach((g, i) => expectClose(g, want[i], 1e-5));
    await tf.setBackend('wasm');
    expect(tf.tidy(() => tf.mean(rand([2, 2, 3], 1), [0, 1], true).shape)).toEqual([1, 1, 3]);
  });
});

describe.each(['cpu', 'wasm'] as const)('Adam on %s', (backend) => {
  it("takes the same steps as tfjs's AdamOptimizer, live rate changes included", async () => {
    const trajectory = (opt: 'ours' | 'tfjs'): tf.Tensor[] => {
      const w = tf.variable(rand([300], 7));
      const target = rand([300], 8);
      const loss = (): tf.Scalar =>
        tf
          .sum(tf.square(tf.sub(w, target)))
          .mul(tf.sin(w).add(2))
          .mean() as tf.Scalar;
      const ours = new Adam(0.01, 0.5);
      const theirs = tf.train.adam(0.01, 0.5, 0.999, 1e-8);
      for (let i = 0; i < 20; i++) {
        if (i === 10) {
          ours.learningRate = 0.003;
          (theirs as unknown as { learningRate: number }).learningRate = 0.003;
        }
        tf.dispose(opt === 'ours' ? ours.minimize(loss, [w]) : (theirs.minimize(loss, true, [w]) as tf.Scalar));
      }
      const out = [w.clone(), ...ours.momentsOf([w]).flatMap((s) => (s ? [s.m.clone(), s.v.clone()] : []))];
      ours.dispose();
      theirs.dispose();
      tf.dispose([w, target]);
      return out;
    };
    const ours = await on(backend, () => trajectory('ours'));
    const reference = await on('cpu', () => trajectory('tfjs'));
    expectClose(ours[0], reference[0], 1e-5);
    expect(ours).toHaveLength(3);
  });
});

describe.each(['cpu', 'wasm'] as const)('fused BatchNorm training pass on %s', (backend) => {
  it("matches the layer's own output, gradients and moving statistics", async () => {
    const run = (fused: boolean): tf.Tensor[] => {
      const layer = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
      layer.build([4, 5, 5, 3]);
      layer.setWeights([rand([3], 1).add(1), rand([3], 2), rand([3], 3), rand([3], 4).abs()]);
      const x = rand([4, 5, 5, 3], 5).mul(3).add(1);
      const dy = rand([4, 5, 5, 3], 6);
      const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const f = (): tf.Scalar => {
        const y = fused ? (batchNormTraining(layer, x) as tf.Tensor) : (layer.apply(x, { training: true }) as tf.Tensor);
        return tf.sum(tf.mul(y, dy));
      };
      const y = fused ? (batchNormTraining(layer, x) as tf.Tensor) : (layer.apply(x, { training: true }) as tf.Tensor);
      const { grads } = tf.variableGrads(f, [gamma, beta]);
      const dx = tf.grad((v) => tf.sum(tf.mul(fused ? (batchNormTraining(layer, v) as tf.Tensor) : (layer.apply(v, { training: true }) as tf.Tensor), dy)))(x);
      const out = [
        y,
        dx,
        grads[gamma.name],
        grads[beta.name],
        ...layer
          .getWeights()
          .slice(2)
          .map((w) => w.clone()),
      ];
      // The fused path never calls the layer, so it cannot dispose itself.
      for (const w of layer.weights) w.dispose();
      return out;
    };
    const got = await on(backend, () => run(true));
    const want = await on('cpu', () => run(false));
    got.forEach((g, i) => expectClose(g, want[i]));
  });
});

afterAll(async () => {
  await tf.setBackend('cpu');
});
