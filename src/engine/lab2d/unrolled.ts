import { hessianVector } from './curvature';
import type { DBatch, Gan2d } from './gan2d';
import { dLossCurvature, dLossSide } from './losses';
import { ADAM_EPSILON, type FlatOptimizer, type OptimizerState } from './optim';

/** One of D's look-ahead updates, kept for the way back. */
interface LookAhead {
  batch: DBatch;
  params: Float64Array;
  grads: Float64Array;
  after: OptimizerState;
}

/**
 * G's unrolled gradient (Metz et al. 2017), second order: G's loss against
 * D after k of D's own updates, differentiated through those updates and
 * D's optimizer (Adam's moments included) back to G. The way back carries
 * adjoints of D's parameters and moments and needs, per update, D's loss
 * Hessian times a vector (for D's side) and its mixed derivative with G (for
 * G's), both exact R-operator products (curvature.ts). For WGAN-GP the
 * penalty's own curvature is left out of that term. Fills g.grads, returns
 * G's loss, and leaves D and its optimizer exactly as they were.
 */
export function unrolledGradient(gan: Gan2d, k: number): number {
  const { d, g, dOpt } = gan;
  const start = { params: d.params.slice(), moments: dOpt.save() };
  const steps: LookAhead[] = [];
  for (let i = 0; i < k; i++) {
    const batch = gan.drawDBatch();
    const params = d.params.slice();
    gan.dGradient(batch);
    const grads = d.grads.slice();
    dOpt.apply(d.params, d.grads);
    steps.push({ batch, params, grads, after: dOpt.save() });
  }
  const loss = gan.gGradient(true);
  const total = g.grads.slice();
  const lTheta = d.grads.slice();
  const lM = new Float64Array(lTheta.length);
  const lV = new Float64Array(lTheta.length);
  for (let i = k - 1; i >= 0; i--) {
    const u = gradientAdjoint(dOpt, steps[i], lTheta, lM, lV);
    d.params.set(steps[i].params);
    const hG = curvatureTerms(gan, steps[i].batch, u, lTheta);
    for (let j = 0; j < total.length; j++) total[j] += hG[j];
  }
  d.params.set(start.params);
  dOpt.restore(start.moments);
  g.grads.set(total);
  return loss;
}

/**
 * Back through one optimizer update θ' = θ - step(g): turns the adjoint of θ'
 * (and Adam's m', v') into the adjoint of the gradient g, which it returns,
 * and leaves the adjoints of m and v in lM, lV (θ's own pass-through is the
 * caller's, which adds the curvature term).
 */
function gradientAdjoint(opt: FlatOptimizer, s: LookAhead, lTheta: Float64Array, lM: Float64Array, lV: Float64Array): Float64Array {
  const lr = opt.learningRate;
  const out = new Float64Array(lTheta.length);
  if (opt.kind === 'sgd') {
    for (let j = 0; j < out.length; j++) out[j] = -lr * lTheta[j];
    return out;
  }
  const { beta1: b1, beta2: b2 } = opt;
  const { m, v, t } = s.after;
  const [c1, c2] = [1 - b1 ** t, 1 - b2 ** t];
  for (let j = 0; j < out.length; j++) {
    const root = Math.sqrt(v[j] / c2);
    const den = root + ADAM_EPSILON;
    const byM = -lr / c1 / den;
    const byV = root > 0 ? (lr * (m[j] / c1)) / (den * den) / (2 * root * c2) : 0;
    const mBar = lM[j] + lTheta[j] * byM;
    const vBar = lV[j] + lTheta[j] * byV;
    out[j] = (1 - b1) * mBar + 2 * (1 - b2) * s.grads[j] * vBar;
    lM[j] = b1 * mBar;
    lV[j] = b2 * vBar;
  }
  return out;
}

/** Adds H_DD·u into lTheta and returns H_GD·u: D's loss on the batch, differentiated along u in D's parameters. */
function curvatureTerms(gan: Gan2d, batch: DBatch, u: Float64Array, lTheta: Float64Array): Float64Array {
  const { d, g, config } = gan;
  const n = config.batchSize;
  const grad = new Float64Array(n);
  const curve = new Float64Array(n);
  const fake = new Float64Array(2 * n);
  for (const real of [true, false]) {
    if (!real) gan.generate(batch.noise, n, fake);
    const scores = d.forward(real ? batch.real : fake, n);
    dLossSide(config.loss, real, scores, n, grad);
    dLossCurvature(config.loss, scores, n, curve);
    d.backward(grad, n, false, false);
    const dx = hessianVector(d, u, null, n, curve, lTheta);
    if (!real) {
      g.zeroGrad();
      g.backward(dx, n, true, false);
    }
  }
  return g.grads.slice();
}
