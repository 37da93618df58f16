import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A Gaussian fitted to feature vectors: mean (d) and covariance (d x d, row-major). */
export interface Gaussian {
  mean: Float64Array;
  cov: Float64Array;
}

/** Mean and (unbiased, n - 1) covariance of n row vectors of size d. */
export function gaussianOf(rows: Float32Array | Float64Array, n: number, d: number): Gaussian {
  if (n < 2 || rows.length !== n * d) throw new Error(`need at least 2 vectors of size ${d}, got ${rows.length} values for ${n}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = rows[i * d + j] - mean[j];
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += centred[i * d + a] * centred[i * d + b];
      cov[a * d + b] = cov[b * d + a] = s / (n - 1);
    }
  }
  return { mean, cov };
}

function square(values: ArrayLike<number>): Matrix {
  const d = Math.round(Math.sqrt(values.length));
  if (d * d !== values.length) throw new Error(`a covariance of ${values.length} values is not square`);
  return Matrix.from1DArray(d, d, Array.from(values));
}

/** Symmetric eigenvalues, clamped at 0: a covariance is positive semi-definite up to rounding. */
function symmetricEig(m: Matrix): { values: number[]; vectors: Matrix } {
  const sym = m.add(m.transpose()).div(2);
  const evd = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
  return { values: evd.realEigenvalues.map((v) => Math.max(v, 0)), vectors: evd.eigenvectorMatrix };
}

/** The symmetric square root of a covariance, V sqrt(L) V^T. */
export function sqrtSymmetric(cov: ArrayLike<number>): Matrix {
  const { values, vectors } = symmetricEig(square(cov));
  // mulRowVector scales in place: scale a copy, not the eigenvectors themselves.
  return vectors.clone().mulRowVector(values.map(Math.sqrt)).mmul(vectors.transpose());
}

/** A reference Gaussian with its covariance's square root computed once, for many distances to it. */
export interface Reference extends Gaussian {
  sqrtCov: Matrix;
}

export function reference(g: Gaussian): Reference {
  return { ...g, sqrtCov: sqrtSymmetric(g.cov) };
}

/**
 * Frechet distance between two Gaussians:
 * |m1 - m2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2), where
 * Tr sqrt(S1 S2) = sum sqrt(eig(sqrt(S1) S2 sqrt(S1))) (a symmetric matrix, so
 * the eigendecomposition is the stable symmetric one).
 */
export function frechetDistance(ref: Reference, other: Gaussian): number {
  const d = ref.mean.length;
  if (other.mean.length !== d) throw new Error(`feature sizes differ: ${d} and ${other.mean.length}`);
  let meanTerm = 0;
  let trace = 0;
  for (let j = 0; j < d; j++) {
    meanTerm += (ref.mean[j] - other.mean[j]) ** 2;
    trace += ref.cov[j * d + j] + other.cov[j * d + j];
  }
  const inner = ref.sqrtCov.mmul(square(other.cov)).mmul(ref.sqrtCov);
  const crossTrace = symmetricEig(inner).values.reduce((s, v) => s + Math.sqrt(v), 0);
  // Rounding can take a distance of two equal Gaussians a hair below 0.
  return Math.max(0, meanTerm + trace - 2 * crossTrace);
}
