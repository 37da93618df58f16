import { compiledKernel } from '../kernels/simd/compiledKernel';
import type { Lab2dKernel } from '../../shared/lab2dProtocol';
import { addProduct, type Strided } from './gemm';

/** gemm64.wat's export: sizes, then byte offsets and strides, then whether C = bias + A.B. */
type GemmExport = (rows: number, cols: number, inner: number, a: number, aRs: number, aCs: number, b: number, c: number, bias: number, set: number) => void;

const PAGE = 65536;

/**
 * addProduct on WASM SIMD (kernels/simd/gemm64.wat): two float64 lanes per
 * instruction and no bounds checks, ~2x the JS kernel on the lab's 32x32
 * layers even with the operands copied in and out of its memory. It sums in
 * the JS kernel's order, so both give the same bits; where the engine has no
 * WASM SIMD the JS kernel runs.
 */
class SimdProduct {
  private heap: Float64Array;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly gemm: GemmExport,
  ) {
    this.heap = new Float64Array(memory.buffer);
  }

  private reserve(doubles: number): Float64Array {
    const need = doubles * 8 - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float64Array(this.memory.buffer);
    return this.heap;
  }

  run(rows: number, cols: number, inner: number, a: Strided, b: Strided, c: Float64Array, cAt: number, bias?: Float64Array, biasAt = 0): void {
    // A as it lies (the kernel reads it with its strides), B packed row-major, then C and the bias.
    const aSpan = (rows - 1) * a.rowStride + (inner - 1) * a.colStride + 1;
    const [aAt, bAt] = [0, aSpan];
    const cAt2 = bAt + inner * cols;
    const biasAt2 = cAt2 + rows * cols;
    const heap = this.reserve(biasAt2 + cols);
    heap.set(a.data.subarray(a.at, a.at + aSpan), aAt);
    packB(b, inner, cols, heap, bAt);
    if (bias) heap.set(bias.subarray(biasAt, biasAt + cols), biasAt2);
    else heap.set(c.subarray(cAt, cAt + rows * cols), cAt2);
    this.gemm(rows, cols, inner, aAt * 8, a.rowStride * 8, a.colStride * 8, bAt * 8, cAt2 * 8, biasAt2 * 8, bias ? 1 : 0);
    c.set(heap.subarray(cAt2, cAt2 + rows * cols), cAt);
  }
}

function packB(b: Strided, inner: number, cols: number, heap: Float64Array, at: number): void {
  if (b.colStride === 1 && b.rowStride === cols) {
    heap.set(b.data.subarray(b.at, b.at + inner * cols), at);
    return;
  }
  for (let k = 0; k < inner; k++) for (let n = 0; n < cols; n++) heap[at + k * cols + n] = b.data[b.at + k * b.rowStride + n * b.colStride];
}

function load(): SimdProduct | null {
  try {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const instance = new WebAssembly.Instance(compiledKernel('gemm64', false), { env: { memory } });
    return new SimdProduct(memory, instance.exports.gemm as GemmExport);
  } catch {
    return null;
  }
}

const simd = load();

/** Which kernel the lab's MLPs run: shown in the lab's speed line and recorded by the bench. */
export let productKernel: Lab2dKernel = simd ? 'wasm-simd' : 'js';

/** The bench's switch, to time both kernels in one process; false where WASM SIMD is missing. */
export function chooseProductKernel(kind: Lab2dKernel): boolean {
  if (kind === 'wasm-simd' && !simd) return false;
  productKernel = kind;
  return true;
}

/** C (+)= A . B (see gemm.ts's addProduct) on the fastest kernel this engine has. */
export const product: typeof addProduct = (...args) => (productKernel === 'wasm-simd' && simd ? simd.run(...args) : addProduct(...args));
