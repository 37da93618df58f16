import { rowMajor, transposed } from './gemm';
import type { Mlp } from './mlp';
import { product } from './simdProduct';

/** Per-net scratch for the R pass, grown with the batch. */
const scratch = new WeakMap<Mlp, { rows: number; rz: Float64Array[]; ra: Float64Array[]; rd: Float64Array[]; da: Float64Array }>();

function buffers(net: Mlp, rows: number) {
  const known = scratch.get(net);
  if (known && known.rows >= rows) return known;
  const make = () => net.sizes.map((s) => new Float64Array(rows * s));
  const made = { rows, rz: make(), ra: make(), rd: make(), da: new Float64Array(rows * Math.max(...net.sizes)) };
  scratch.set(net, made);
  return made;
}

/**
 * The exact Hessian-vector product of a loss through `net` (Pearlmutter's
 * R operator, forward over reverse): the directional derivative, along the
 * parameter direction `dir` and the per-row input direction `inputDir` (each
 * may be null), of the parameter gradient (added into `into`) and of the
 * input gradient (returned, a reused view). It needs the net's last forward
 * and backward pass on this batch, and `curvature`, the loss's second
 * derivative per output (the losses here are elementwise), or null for 0.
 * Exact where finite differences of gradients are not: a ReLU kink crossed by
 * a difference step would add a jump divided by the step.
 */
export function hessianVector(
  net: Mlp,
  dir: Float64Array | null,
  inputDir: Float64Array | null,
  batch: number,
  curvature: ArrayLike<number> | null,
  into: Float64Array,
): Float64Array {
  const { sizes } = net;
  const L = sizes.length - 1;
  const { acts, deltas } = net.lastPass();
  const { rz, ra, rd, da } = buffers(net, batch);
  const p = net.params;
  const tanh = net.activation === 'tanh';
  // Forward: R(z_l) = R(a_{l-1}) W + a_{l-1} dW + db, R(a_l) = act'(z_l) R(z_l); R(a_0) = inputDir.
  if (inputDir) ra[0].set(inputDir.subarray(0, batch * sizes[0]));
  for (let l = 1; l <= L; l++) {
    const [nIn, nOut, w, b] = [sizes[l - 1], sizes[l], net.weightsAt(l), net.biasAt(l)];
    rz[l].fill(0, 0, batch * nOut);
    if (dir) product(batch, nOut, nIn, rowMajor(acts[l - 1], nIn), rowMajor(dir, nOut, w), rz[l], 0, dir, b);
    if (l > 1 || inputDir) product(batch, nOut, nIn, rowMajor(ra[l - 1], nIn), rowMajor(p, nOut, w), rz[l], 0);
    if (l < L) for (let i = 0; i < batch * nOut; i++) ra[l][i] = net.actDerivative(acts[l][i]) * rz[l][i];
  }
  for (let i = 0; i < batch * sizes[L]; i++) rd[L][i] = curvature ? curvature[i] * rz[L][i] : 0;
  // Backward: R(dW) = a^T R(d) + R(a)^T d, R(da_{l-1}) = R(d) W^T + d dW^T, R(d_{l-1}) = act' R(da) + act'' da R(z).
  for (let l = L; l >= 1; l--) {
    const [nIn, nOut, w, b] = [sizes[l - 1], sizes[l], net.weightsAt(l), net.biasAt(l)];
    for (let r = 0; r < batch; r++) for (let j = 0; j < nOut; j++) into[b + j] += rd[l][r * nOut + j];
    product(nIn, nOut, batch, transposed(acts[l - 1], nIn), rowMajor(rd[l], nOut), into, w);
    if (l > 1 || inputDir) product(nIn, nOut, batch, transposed(ra[l - 1], nIn), rowMajor(deltas[l], nOut), into, w);
    const rPrev = rd[l - 1];
    rPrev.fill(0, 0, batch * nIn);
    product(batch, nIn, nOut, rowMajor(rd[l], nOut), transposed(p, nOut, w), rPrev, 0);
    if (dir) product(batch, nIn, nOut, rowMajor(deltas[l], nOut), transposed(dir, nOut, w), rPrev, 0);
    if (l === 1) break;
    if (tanh) {
      da.fill(0, 0, batch * nIn);
      product(batch, nIn, nOut, rowMajor(deltas[l], nOut), transposed(p, nOut, w), da, 0);
    }
    for (let i = 0; i < batch * nIn; i++) {
      const y = acts[l - 1][i];
      rPrev[i] = net.actDerivative(y) * rPrev[i] + (tanh ? da[i] * net.actSecond(y) * rz[l - 1][i] : 0);
    }
  }
  return rd[0].subarray(0, batch * sizes[0]);
}
