import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { HOST_MEMORY, type HostBackend } from './hostMemory';
import type { AdamKernelName } from '../../shared/protocol';
import { simdAdam } from './simd/adamSimd';

/** One Adam update's scalars; c1 and c2 are the bias corrections 1 - β^t. */
export interface AdamScalars {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  c1: number;
  c2: number;
}

const KERNEL = 'GanvasAdamUpdate';

/** Which code ran the last update: the page shows it, so a SIMD module that failed to load is seen, not just slower. */
let lastKernel: AdamKernelName | null = null;
/** The kernel of the last update in this worker, or null before the first. */
export const adamKernel = (): AdamKernelName | null => lastKernel;

/**
 * The update as plain array arithmetic, in tfjs Adam's order of operations:
 *   m' = β1·m + (1-β1)·g,  v' = β2·v + (1-β2)·g²,  w' = w - lr·(m'/c1) / (√(v'/c2) + ε)
 */
function update(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, out: Float32Array[], p: AdamScalars): void {
  const [w2, m2, v2] = out;
  const { lr, beta1, beta2, epsilon, c1, c2 } = p;
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  // Hoisted divisions: one divide and one square root per element.
  const k1 = lr / c1;
  const k2 = 1 / c2;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + a1 * gi;
    const vi = beta2 * v[i] + a2 * (gi * gi);
    m2[i] = mi;
    v2[i] = vi;
    w2[i] = w[i] - (k1 * mi) / (Math.sqrt(vi * k2) + epsilon);
  }
}

function makeKernel(backendName: HostBackend): KernelConfig {
  const access = HOST_MEMORY[backendName];
  return {
    kernelName: KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as KernelBackend;
      const { w, g, m, v } = inputs as Record<'w' | 'g' | 'm' | 'v', TensorInfo>;
      const outs = [0, 1, 2].map(() => access.output(backend, w.shape));
      const simd = backendName === 'wasm' ? simdAdam(backend) : null;
      lastKernel = simd ? 'wasm-simd' : 'js';
      if (simd) {
        simd([w, g, m, v], outs, attrs as unknown as AdamScalars);
        return outs;
      }
      const view = (t: TensorInfo): Float32Array => access.view(backend, t);
      update(view(w), view(g), view(m), view(v), outs.map(view), attrs as unknown as AdamScalars);
      return outs;
    },
  };
}

let installed = false;

/** Registers the one-pass update for the backends whose tensors live in CPU memory (on wasm, SIMD code in its heap: simd/adam.wat). */
export function installAdamUpdate(): void {
  if (installed) return;
  installed = true;
  tf.registerKernel(makeKernel('wasm'));
  tf.registerKernel(makeKernel('cpu'));
}

/**
 * [w', m', v'] for one variable. On wasm and cpu this is one pass over the
 * arrays instead of ~12 tensor ops (each with its own dispatch and scalar
 * uploads); GPU backends run the same arithmetic as tensor ops.
 */
export function adamUpdate(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, p: AdamScalars): [tf.Tensor, tf.Tensor, tf.Tensor] {
  if (tf.getKernel(KERNEL, tf.getBackend())) {
    const out = tf.engine().runKernel(KERNEL, { w, g, m, v }, p as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return [out[0], out[1], out[2]];
  }
  lastKernel = 'tensor-ops';
  return adamByOps(w, g, m, v, p);
}

/** The update as tfjs tensor ops: GPU backends run it, and it defines what the kernels compute. */
export function adamByOps(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, p: AdamScalars): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const m2 = tf.add(tf.mul(m, p.beta1), tf.mul(g, 1 - p.beta1));
    const v2 = tf.add(tf.mul(v, p.beta2), tf.mul(tf.square(g), 1 - p.beta2));
    const step = tf.div(tf.mul(tf.div(m2, p.c1), p.lr), tf.add(tf.sqrt(tf.div(v2, p.c2)), p.epsilon));
    return [tf.sub(w, step), m2, v2];
  });
}
