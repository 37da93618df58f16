import { getKernel, registerKernel, unregisterKernel, type KernelBackend, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { runKernel } from './runKernel';

/**
 * tfjs-backend-wasm sends a matmul to XNNPACK only when neither side is
 * transposed; with `transposeA` or `transposeB` it runs a scalar triple loop.
 * Every backward pass of a dense layer asks for exactly those (dX = dY·Wᵀ,
 * dW = Xᵀ·dY), and profiling the MLP GAN on wasm showed them taking 28 of 36 ms
 * per step. Copying the transposed operand first (a cheap Transpose kernel)
 * and calling the same kernel untransposed gives the same sums through XNNPACK.
 *
 * XNNPACK also repacks the right-hand operand on every call whose operand is
 * new (always, in training: weights change each step), at ~7x the cost of a
 * transpose. For dX = dY·Wᵀ the right operand is the big weight matrix, so we
 * compute (dX)ᵀ = W·dYᵀ instead, packing only the small dY, whenever that
 * costs less by this model.
 */
const PACK_COST = 7;
const MATMUL_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
const wrapped = new WeakSet<KernelConfig['kernelFunc']>();

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

const size = (t: TensorInfo): number => t.shape.reduce((p, d) => p * d, 1);

/** Whether Cᵀ = op(B)ᵀ·op(A)ᵀ (packing A) beats C = op(A)·op(B) (packing B), counting copied and packed elements. */
function flippedIsCheaper(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): boolean {
  const batch = a.shape.slice(0, -2).reduce((p, d) => p * d, 1) * b.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  if (batch !== 1) return false;
  const [sa, sb] = [size(a), size(b)];
  const out =
    (transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2]) * (transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1]);
  const direct = (transposeA ? sa : 0) + (transposeB ? sb : 0) + PACK_COST * sb;
  const flipped = (transposeB ? 0 : sb) + (transposeA ? 0 : sa) + PACK_COST * sa + out;
  return flipped < direct;
}

function wrap(original: KernelConfig): KernelConfig {
  const backendName = original.backendName;
  const transpose = (x: TensorInfo, backend: KernelBackend): TensorInfo =>
    runKernel(backendName, 'Transpose', backend, { x }, { perm: swapLastTwo(x.shape.length) });
  const kernelFunc: KernelConfig['kernelFunc'] = ({ inputs, backend: anyBackend, attrs }) => {
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend: anyBackend, attrs });
    const backend = anyBackend as KernelBackend;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const temps: TensorInfo[] = [];
    const keep = (t: TensorInfo): TensorInfo => (temps.push(t), t);
    // `want` is whether the kernel needs this operand transposed relative to how it is stored.
    const asNeeded = (t: TensorInfo, want: boolean): TensorInfo => (want ? keep(transpose(t, backend)) : t);
    const untransposed = (x: TensorInfo, y: TensorInfo): TensorInfo =>
      original.kernelFunc({
        inputs: { ...inputs, a: x, b: y },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
      }) as TensorInfo;
    try {
      if (original.kernelName === 'BatchMatMul' && flippedIsCheaper(a, b, !!transposeA, !!transposeB)) {
        const ct = keep(untransposed(asNeeded(b, !transposeB), asNeeded(a, !transposeA)));
        return transpose(ct, backend);
      }
      return untransposed(asNeeded(a, !!transposeA), asNeeded(b, !!transposeB));
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
  const run = (name: string, backend: KernelBackend, inputs: Record<string, TensorInfo>): TensorInfo => runKernel('wasm', name, backend, inputs);
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
