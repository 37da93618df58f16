import type { Mlp } from './mlp';

/**
 * WGAN-GP's penalty, lambda * mean (|grad_x D(x)| - 1)^2, and its gradient
 * with respect to D's parameters, for a 2-input MLP. grad_x D is carried
 * forward as two tangents (one per input axis) beside the values, then both
 * are back-propagated (double backprop, written out by hand per sample).
 */
export function addGradientPenalty(d: Mlp, points: Float64Array, n: number, lambda: number): number {
  const { sizes, params: p, grads: g } = d;
  const L = sizes.length - 1;
  const a = sizes.map((s) => new Float64Array(s));
  const u = sizes.map((s) => [new Float64Array(s), new Float64Array(s)]);
  const t = sizes.map((s) => [new Float64Array(s), new Float64Array(s)]);
  const aBar = sizes.map((s) => new Float64Array(s));
  const tBar = sizes.map((s) => [new Float64Array(s), new Float64Array(s)]);
  const zBar = new Float64Array(Math.max(...sizes));
  const uBar = [new Float64Array(zBar.length), new Float64Array(zBar.length)];
  let total = 0;
  for (let r = 0; r < n; r++) {
    a[0][0] = points[2 * r];
    a[0][1] = points[2 * r + 1];
    t[0][0].set([1, 0]);
    t[0][1].set([0, 1]);
    for (let l = 1; l <= L; l++) {
      const [nIn, nOut, w, b] = [sizes[l - 1], sizes[l], d.weightsAt(l), d.biasAt(l)];
      for (let j = 0; j < nOut; j++) {
        let z = p[b + j];
        let u0 = 0;
        let u1 = 0;
        for (let i = 0; i < nIn; i++) {
          const wij = p[w + i * nOut + j];
          z += a[l - 1][i] * wij;
          u0 += t[l - 1][0][i] * wij;
          u1 += t[l - 1][1][i] * wij;
        }
        const hidden = l < L;
        a[l][j] = hidden ? d.act(z) : z;
        const dz = hidden ? d.actDerivative(a[l][j]) : 1;
        u[l][0][j] = u0;
        u[l][1][j] = u1;
        t[l][0][j] = dz * u0;
        t[l][1][j] = dz * u1;
      }
    }
    const g0 = t[L][0][0];
    const g1 = t[L][1][0];
    const norm = Math.sqrt(g0 * g0 + g1 * g1) + 1e-12;
    total += lambda * (norm - 1) ** 2;
    const c = (2 * lambda * (norm - 1)) / norm / n;
    tBar[L][0][0] = c * g0;
    tBar[L][1][0] = c * g1;
    aBar[L][0] = 0;
    for (let l = L; l >= 1; l--) {
      const [nIn, nOut, w, b] = [sizes[l - 1], sizes[l], d.weightsAt(l), d.biasAt(l)];
      for (let j = 0; j < nOut; j++) {
        const hidden = l < L;
        const y = a[l][j];
        const dz = hidden ? d.actDerivative(y) : 1;
        const dd = hidden ? d.actSecond(y) : 0;
        uBar[0][j] = tBar[l][0][j] * dz;
        uBar[1][j] = tBar[l][1][j] * dz;
        zBar[j] = aBar[l][j] * dz + dd * (tBar[l][0][j] * u[l][0][j] + tBar[l][1][j] * u[l][1][j]);
        g[b + j] += zBar[j];
      }
      for (let i = 0; i < nIn; i++) {
        let ab = 0;
        let tb0 = 0;
        let tb1 = 0;
        for (let j = 0; j < nOut; j++) {
          const k = w + i * nOut + j;
          g[k] += a[l - 1][i] * zBar[j] + t[l - 1][0][i] * uBar[0][j] + t[l - 1][1][i] * uBar[1][j];
          ab += p[k] * zBar[j];
          tb0 += p[k] * uBar[0][j];
          tb1 += p[k] * uBar[1][j];
        }
        aBar[l - 1][i] = ab;
        tBar[l - 1][0][i] = tb0;
        tBar[l - 1][1][i] = tb1;
      }
    }
  }
  return total / n;
}
