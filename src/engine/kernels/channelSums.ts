import { getKernel, registerKernel, unregisterKernel, type KernelBackend, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs';
import { HOST_MEMORY, type HostBackend } from './hostMemory';

/**
 * Sum and Mean over every axis but the last (per-channel sums: BatchNorm
 * statistics and gradients, bias gradients) as one pass in JavaScript. wasm
 * first transposes the input so the reduced axes come last and then loops
 * per element: 5-6 ms for one [64,14,14,64] activation, ~60 ms of a DCGAN
 * step; the pass below is ~1 ns per element. Other reductions keep the
 * backend's own kernel.
 */
function reducesAllButLast(x: TensorInfo, axis: number | number[]): boolean {
  const rank = x.shape.length;
  if (rank < 2 || x.dtype !== 'float32') return false;
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  return axes.length === rank - 1 && axes.every((a, i) => a === i);
}

function makeKernel(name: 'Sum' | 'Mean', backendName: HostBackend, fallback: KernelConfig): KernelConfig {
  const memory = HOST_MEMORY[backendName];
  return {
    // The replaced kernel's setupFunc binds its wasm functions when the backend starts: keep it, or a backend
    // initialised after this swap calls an unbound function.
    ...fallback,
    kernelName: name,
    backendName,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
      if (!reducesAllButLast(x, axis)) return fallback.kernelFunc(args);
      const backend = args.backend as KernelBackend;
      const c = x.shape[x.shape.length - 1];
      const out = memory.output(backend, keepDims ? [...x.shape.slice(0, -1).map(() => 1), c] : [c]);
      const src = memory.view(backend, x);
      const acc = new Float64Array(c);
      for (let i = 0; i < src.length; i += c) {
        for (let j = 0; j < c; j++) acc[j] += src[i + j];
      }
      const scale = name === 'Mean' ? c / src.length : 1;
      const dst = memory.view(backend, out);
      for (let j = 0; j < c; j++) dst[j] = acc[j] * scale;
      return out;
    },
  };
}

const installed = new Set<HostBackend>();

/** Replaces Sum and Mean on a host backend; a no-op if it is not loaded or already patched. */
export function installChannelSums(backendName: HostBackend): void {
  if (installed.has(backendName)) return;
  const originals = (['Sum', 'Mean'] as const).map((name) => [name, getKernel(name, backendName)] as const);
  if (originals.some(([, k]) => !k)) return;
  for (const [name, original] of originals) {
    unregisterKernel(name, backendName);
    registerKernel(makeKernel(name, backendName, original as KernelConfig));
  }
  installed.add(backendName);
}
