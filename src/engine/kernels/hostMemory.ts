import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';

/** Backends whose tensors live in memory that JavaScript can index directly. */
export type HostBackend = 'wasm' | 'cpu';

/** How a host backend exposes a float32 tensor's values and makes new outputs. */
export interface HostMemory {
  view(backend: KernelBackend, t: TensorInfo): Float32Array;
  output(backend: KernelBackend, shape: number[]): TensorInfo;
}

interface WasmLike {
  typedArrayFromHeap(t: TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}
interface CpuLike {
  data: { get(id: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

// wasm views are into the module's heap: make every output before taking any
// view, because growing the heap detaches views taken earlier.
export const HOST_MEMORY: Record<HostBackend, HostMemory> = {
  wasm: {
    view: (b, t) => (b as unknown as WasmLike).typedArrayFromHeap(t),
    output: (b, shape) => (b as unknown as WasmLike).makeOutput(shape, 'float32'),
  },
  cpu: {
    view: (b, t) => (b as unknown as CpuLike).data.get(t.dataId).values,
    output: (b, shape) => (b as unknown as CpuLike).makeTensorInfo(shape, 'float32', new Float32Array(tf.util.sizeFromShape(shape))),
  },
};
