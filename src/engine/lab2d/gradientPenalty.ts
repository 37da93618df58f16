import { hessianVector } from './curvature';
import type { Mlp } from './mlp';

/**
 * WGAN-GP's penalty, lambda * mean (|grad_x D(x)| - 1)^2, for D with 2
 * inputs, adding its gradient in D's parameters into d.grads. With g_r the
 * input gradient at row r and v_r = 2 lambda (|g_r| - 1) / |g_r| / n * g_r
 * held fixed, that gradient is the derivative of sum_r v_r . g_r in the
 * parameters: the R operator along the inputs' directions v_r (double
 * backprop as one batched pass).
 */
export function addGradientPenalty(d: Mlp, points: Float64Array, n: number, lambda: number): number {
  d.forward(points, n);
  const g = d.backward(new Float64Array(n).fill(1), n, false, true);
  const v = new Float64Array(2 * n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const [g0, g1] = [g[2 * r], g[2 * r + 1]];
    const norm = Math.sqrt(g0 * g0 + g1 * g1) + 1e-12;
    total += lambda * (norm - 1) ** 2;
    const c = (2 * lambda * (norm - 1)) / norm / n;
    v[2 * r] = c * g0;
    v[2 * r + 1] = c * g1;
  }
  hessianVector(d, null, v, n, null, d.grads);
  return total / n;
}
