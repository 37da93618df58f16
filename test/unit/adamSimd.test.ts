// The WASM SIMD Adam (src/engine/kernels/simd/adam.wat) must equal the update's
// definition as tensor ops bit for bit, on every length (the 4-lane loop and
// its scalar tail), in tfjs's plain memory and in a shared one (the threaded
// build the app runs when cross-origin isolated); and its bytes must be a
// fresh build of the .wat.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED, generate } from '../../scripts/wasmKernels';
import { adamByOps, adamKernel, adamUpdate, installAdamUpdate, type AdamScalars } from '../../src/engine/kernels/adamUpdate';
import { adamOn, simdAdam } from '../../src/engine/kernels/simd/adamSimd';

installAdamUpdate();
const STEP = 3;
const P: AdamScalars = { lr: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8, c1: 1 - 0.5 ** STEP, c2: 1 - 0.999 ** STEP };
const LENGTHS = [1, 3, 4, 5, 17, 1000, 65_537];

function arrays(n: number, seed: number): Float32Array[] {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const w = Float32Array.from({ length: n }, next);
  const g = Float32Array.from({ length: n }, () => next() * 1e-2);
  const m = Float32Array.from({ length: n }, () => next() * 1e-3);
  const v = Float32Array.from({ length: n }, () => Math.abs(next()) * 1e-5);
  return [w, g, m, v];
}

async function definition(ins: Float32Array[]): Promise<Float32Array[]> {
  await tf.setBackend('cpu');
  const ts = ins.map((a) => tf.tensor1d(a));
  const out = adamByOps(ts[0], ts[1], ts[2], ts[3], P);
  const values = (await Promise.all(out.map((t) => t.data()))) as Float32Array[];
  tf.dispose([...ts, ...out]);
  return values;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Adam in WASM SIMD', () => {
  it.each(LENGTHS)('equals the tensor-op definition exactly on the wasm backend, %i elements', async (n) => {
    const ins = arrays(n, n);
    const want = await definition(ins);
    await tf.setBackend('wasm');
    expect(simdAdam(tf.backend()), 'the SIMD module did not load on tfjs-backend-wasm').not.toBeNull();
    const before = tf.memory().numTensors;
    const ts = ins.map((a) => tf.tensor1d(a));
    const out = adamUpdate(ts[0], ts[1], ts[2], ts[3], P);
    const got = (await Promise.all(out.map((t) => t.data()))) as Float32Array[];
    tf.dispose([...ts, ...out]);
    expect(tf.memory().numTensors).toBe(before);
    got.forEach((g, i) => expect(g).toEqual(want[i]));
  });

  it('runs on a shared memory (tfjs threaded build) with the same result', async () => {
    const n = 1003;
    const ins = arrays(n, 7);
    const want = await definition(ins);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const fn = adamOn(memory);
    expect(fn, 'the shared-memory build did not instantiate').not.toBeNull();
    const heap = new Float32Array(memory.buffer);
    const at = (k: number): number => k * n * 4 + 16;
    ins.forEach((a, k) => heap.set(a, at(k) / 4));
    fn!(at(0), at(1), at(2), at(3), at(4), at(5), at(6), n, P.lr, P.beta1, 1 - P.beta1, P.beta2, 1 - P.beta2, P.epsilon, P.c1, P.c2);
    [4, 5, 6].forEach((k, i) => expect(heap.slice(at(k) / 4, at(k) / 4 + n)).toEqual(want[i]));
  });

  it('says which code ran the last update (the page shows it): SIMD on wasm, the JS loop on cpu', async () => {
    const kernelOn = async (backend: string) => {
      await tf.setBackend(backend);
      const ts = arrays(5, 1).map((a) => tf.tensor1d(a));
      tf.dispose([...ts, ...adamUpdate(ts[0], ts[1], ts[2], ts[3], P)]);
      return adamKernel();
    };
    expect(await kernelOn('wasm')).toBe('wasm-simd');
    expect(await kernelOn('cpu')).toBe('js');
  });

  it('ships the bytes a fresh build of the .wat gives', async () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(await generate());
  });
});
