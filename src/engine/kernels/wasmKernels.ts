import { getKernel, registerKernel, unregisterKernel, type KernelBackend, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm sends a matmul to XNNPACK only when neither side is
 * transposed; with `transposeA` or `transposeB` it runs a scalar triple loop.
 * Every backward pass of a dense layer asks for exactly those (dX = dY·Wᵀ,
 * dW = Xᵀ·dY), and profiling the MLP GAN on wasm showed them taking 28 of 36 ms
 * per step. Copying the transposed operand first (a cheap Transpose kernel)
 * and calling the same kernel untransposed gives the same sums through XNNPACK.
 */
const MATMUL_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
const wrapped = new WeakSet<KernelConfig['kernelFunc']>();

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

function wrap(original: KernelConfig): KernelConfig {
  const backendName = original.backendName;
  const transpose = (x: TensorInfo, backend: KernelBackend): TensorInfo => {
    const kernel = getKernel('Transpose', backendName);
    if (!kernel) throw new Error(`${backendName} has no Transpose kernel`);
    return kernel.kernelFunc({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } }) as TensorInfo;
  };
  const kernelFunc: KernelConfig['kernelFunc'] = ({ inputs, backend: anyBackend, attrs }) => {
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend: anyBackend, attrs });
    const backend = anyBackend as KernelBackend;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const temps: TensorInfo[] = [];
    const plain = (t: TensorInfo, transposed: boolean | undefined): TensorInfo => {
      if (!transposed) return t;
      const copy = transpose(t, backend);
      temps.push(copy);
      return copy;
    };
    try {
      return original.kernelFunc({
        inputs: { ...inputs, a: plain(a, transposeA), b: plain(b, transposeB) },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
      });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
  wrapped.add(kernelFunc);
  return { ...original, kernelFunc };
}

/**
 * wasm's Tanh calls libm's double-precision tanh per element (0.7 ms for one
 * 64x784 batch, as long as the matmul before it); its Sigmoid is XNNPACK's
 * vectorised one. tanh(x) = 2·sigmoid(2x) - 1, exact to float rounding.
 */
function fastTanh(): KernelConfig {
  const run = (name: string, backend: KernelBackend, inputs: Record<string, TensorInfo>): TensorInfo => {
    const kernel = getKernel(name, 'wasm');
    if (!kernel) throw new Error(`wasm has no ${name} kernel`);
    return kernel.kernelFunc({ inputs, backend, attrs: {} }) as TensorInfo;
  };
  const kernelFunc: KernelConfig['kernelFunc'] = ({ inputs, backend: anyBackend }) => {
    const backend = anyBackend as KernelBackend;
    const { x } = inputs as { x: TensorInfo };
    const one: TensorInfo = { dataId: backend.write(Float32Array.of(1), [], 'float32'), shape: [], dtype: 'float32' };
    const twoX = run('Add', backend, { a: x, b: x });
    const s = run('Sigmoid', backend, { x: twoX });
    const twoS = run('Add', backend, { a: s, b: s });
    const y = run('Sub', backend, { a: twoS, b: one });
    for (const t of [one, twoX, s, twoS]) backend.disposeData(t.dataId);
    return y;
  };
  wrapped.add(kernelFunc);
  return { kernelName: 'Tanh', backendName: 'wasm', kernelFunc };
}

function replace(name: string, make: (original: KernelConfig) => KernelConfig): void {
  const original = getKernel(name, 'wasm');
  if (!original || wrapped.has(original.kernelFunc)) return;
  unregisterKernel(name, 'wasm');
  registerKernel(make(original));
}

/** Faster wasm paths for what GAN training runs most; a no-op when wasm is not loaded or already patched. */
export function installWasmKernels(): void {
  for (const name of MATMUL_KERNELS) replace(name, wrap);
  replace('Tanh', fastTanh);
}
