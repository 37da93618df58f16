/** Where a matrix lives in a flat array: element (row, col) is at `at + row * rowStride + col * colStride`. */
export interface Strided {
  data: Float64Array;
  at: number;
  rowStride: number;
  colStride: number;
}

export const rowMajor = (data: Float64Array, cols: number, at = 0): Strided => ({ data, at, rowStride: cols, colStride: 1 });
export const transposed = (data: Float64Array, cols: number, at = 0): Strided => ({ data, at, rowStride: 1, colStride: cols });

/**
 * C (rows x cols, row-major at `cAt`) += A (rows x inner) . B (inner x cols),
 * or with `bias` (cols values at `biasAt`), C = bias + A . B.
 * Two rows by four columns at a time in eight local sums: each load of A is
 * used four times and each load of B twice, which is what makes plain JS
 * reach ~2 GMAC/s here instead of ~0.5 (docs/benchmarks.md, 2D lab). Every
 * element's sum runs over `inner` in order whichever path computes it, so a
 * row gives the same bits alone as in a batch.
 */
export function addProduct(
  rows: number,
  cols: number,
  inner: number,
  a: Strided,
  b: Strided,
  c: Float64Array,
  cAt: number,
  bias?: Float64Array,
  biasAt = 0,
): void {
  const set = bias !== undefined;
  const start = (n: number): number => (set ? bias[biasAt + n] : 0);
  const { data: A, rowStride: aRs, colStride: aCs } = a;
  const { data: B, rowStride: bRs, colStride: bCs } = b;
  const cols4 = cols - (cols % 4);
  let m = 0;
  for (; m + 1 < rows; m += 2) {
    const a0 = a.at + m * aRs;
    const a1 = a0 + aRs;
    const c0 = cAt + m * cols;
    const c1 = c0 + cols;
    for (let n = 0; n < cols4; n += 4) {
      let s0 = start(n),
        s1 = start(n + 1),
        s2 = start(n + 2),
        s3 = start(n + 3);
      let t0 = s0,
        t1 = s1,
        t2 = s2,
        t3 = s3;
      for (let k = 0, ak = 0, bk = b.at + n * bCs; k < inner; k++, ak += aCs, bk += bRs) {
        const x = A[a0 + ak];
        const y = A[a1 + ak];
        const w0 = B[bk];
        const w1 = B[bk + bCs];
        const w2 = B[bk + 2 * bCs];
        const w3 = B[bk + 3 * bCs];
        s0 += x * w0;
        s1 += x * w1;
        s2 += x * w2;
        s3 += x * w3;
        t0 += y * w0;
        t1 += y * w1;
        t2 += y * w2;
        t3 += y * w3;
      }
      store4(c, c0 + n, set, s0, s1, s2, s3);
      store4(c, c1 + n, set, t0, t1, t2, t3);
    }
    for (let n = cols4; n < cols; n++) {
      let s = start(n);
      let t = s;
      for (let k = 0, ak = 0, bk = b.at + n * bCs; k < inner; k++, ak += aCs, bk += bRs) {
        s += A[a0 + ak] * B[bk];
        t += A[a1 + ak] * B[bk];
      }
      c[c0 + n] = set ? s : c[c0 + n] + s;
      c[c1 + n] = set ? t : c[c1 + n] + t;
    }
  }
  for (; m < rows; m++) {
    const a0 = a.at + m * aRs;
    for (let n = 0; n < cols; n++) {
      let s = start(n);
      for (let k = 0, ak = a0, bk = b.at + n * bCs; k < inner; k++, ak += aCs, bk += bRs) s += A[ak] * B[bk];
      const at = cAt + m * cols + n;
      c[at] = set ? s : c[at] + s;
    }
  }
}

function store4(c: Float64Array, at: number, set: boolean, s0: number, s1: number, s2: number, s3: number): void {
  if (set) {
    c[at] = s0;
    c[at + 1] = s1;
    c[at + 2] = s2;
    c[at + 3] = s3;
  } else {
    c[at] += s0;
    c[at + 1] += s1;
    c[at + 2] += s2;
    c[at + 3] += s3;
  }
}
