import { describe, expect, it } from 'vitest';
import { addProduct, rowMajor, transposed, type Strided } from '../../src/engine/lab2d/gemm';
import { product, productKernel } from '../../src/engine/lab2d/simdProduct';
import { Rng } from '../../src/shared/rng';

const rng = new Rng(7);
const random = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

/** The naive definition: C[m][n] = start + sum over k in order of A[m][k] * B[k][n]. */
function naive(rows: number, cols: number, inner: number, a: Strided, b: Strided, start: (m: number, n: number) => number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let m = 0; m < rows; m++) {
    for (let n = 0; n < cols; n++) {
      let s = start(m, n);
      for (let k = 0; k < inner; k++) s += a.data[a.at + m * a.rowStride + k * a.colStride] * b.data[b.at + k * b.rowStride + n * b.colStride];
      out[m * cols + n] = s;
    }
  }
  return out;
}

const SHAPES = [
  [1, 1, 1],
  [2, 4, 2],
  [3, 5, 7],
  [7, 1, 32],
  [256, 32, 32],
  [33, 2, 32],
  [32, 33, 9],
];

describe("the 2D lab's matrix product", () => {
  it('runs on WASM SIMD in this engine (so the next tests compare two kernels, not one with itself)', () => {
    expect(productKernel).toBe('wasm-simd');
  });

  it.each(SHAPES)('%i x %i over %i: JS and WASM kernels give the same bits as the in-order definition, with a bias', (rows, cols, inner) => {
    // A as stored rows (forward), B as the transpose of a stored matrix (dX = dY . Wᵀ), both at an offset.
    const a = rowMajor(random(5 + rows * inner), inner, 5);
    const b = transposed(random(3 + inner * cols), inner, 3);
    const bias = random(2 + cols);
    const want = naive(rows, cols, inner, a, b, (_, n) => bias[2 + n]);
    const [js, wasm] = [new Float64Array(rows * cols + 4), new Float64Array(rows * cols + 4)];
    addProduct(rows, cols, inner, a, b, js, 4, bias, 2);
    product(rows, cols, inner, a, b, wasm, 4, bias, 2);
    expect(Array.from(js.subarray(4))).toEqual(Array.from(want));
    expect(Array.from(wasm.subarray(4))).toEqual(Array.from(want));
  });

  it.each(SHAPES)('%i x %i over %i: both add into C as the definition does (Aᵀ . B, as for weight gradients)', (rows, cols, inner) => {
    const a = transposed(random(inner * rows), rows);
    const b = rowMajor(random(inner * cols), cols);
    const c0 = random(rows * cols);
    const sums = naive(rows, cols, inner, a, b, () => 0);
    const want = Array.from(c0, (v, i) => v + sums[i]);
    const [js, wasm] = [c0.slice(), c0.slice()];
    addProduct(rows, cols, inner, a, b, js, 0);
    product(rows, cols, inner, a, b, wasm, 0);
    expect(Array.from(js)).toEqual(want);
    expect(Array.from(wasm)).toEqual(want);
  });
});
