import { getKernel, type KernelBackend, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';

/**
 * Calls a backend's kernel directly, inside another kernel: no tape, no
 * engine bookkeeping. The caller disposes the result (backend.disposeData).
 */
export function runKernel(backendName: string, name: string, backend: KernelBackend, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const kernel = getKernel(name, backendName);
  if (!kernel) throw new Error(`${backendName} has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}
