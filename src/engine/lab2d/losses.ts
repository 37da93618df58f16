import type { LossKind } from '../../shared/protocol';

/**
 * The four losses on D's raw outputs (logits for BCE, scores otherwise), each
 * with its gradient per output, averaged over the batch. Conventions as the
 * digits mode's losses.ts: D maximises real and minimises fake scores.
 */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** D's loss on one side (real or fake); writes d loss / d score into `grad` and returns the mean loss. */
export function dLossSide(loss: LossKind, real: boolean, scores: ArrayLike<number>, n: number, grad: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    let l: number;
    let g: number;
    if (loss === 'bce') {
      l = real ? softplus(-s) : softplus(s);
      g = real ? sigmoid(s) - 1 : sigmoid(s);
    } else if (loss === 'lsgan') {
      const d = real ? s - 1 : s;
      l = 0.5 * d * d;
      g = d;
    } else if (loss === 'hinge') {
      const m = real ? 1 - s : 1 + s;
      l = m > 0 ? m : 0;
      g = m > 0 ? (real ? -1 : 1) : 0;
    } else {
      l = real ? -s : s;
      g = real ? -1 : 1;
    }
    total += l;
    grad[i] = g / n;
  }
  return total / n;
}

/**
 * G's loss on D's scores of the fakes; writes d loss / d score into `grad`.
 * With BCE, `minimax` is the original log(1 - D(G(z))) = -softplus(s), whose
 * gradient -sigmoid(s) vanishes as D rejects the fakes; otherwise the
 * non-saturating -log D(G(z)) = softplus(-s).
 */
export function gLoss(loss: LossKind, scores: ArrayLike<number>, n: number, grad: Float64Array, minimax = false): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    let l: number;
    let g: number;
    if (loss === 'bce' && minimax) {
      l = -softplus(s);
      g = -sigmoid(s);
    } else if (loss === 'bce') {
      l = softplus(-s);
      g = sigmoid(s) - 1;
    } else if (loss === 'lsgan') {
      l = 0.5 * (s - 1) * (s - 1);
      g = s - 1;
    } else {
      l = -s;
      g = -1;
    }
    total += l;
    grad[i] = g / n;
  }
  return total / n;
}

/** What the chart shows as D(x): a probability for BCE, the raw score otherwise. */
export const shownScore = (loss: LossKind, s: number) => (loss === 'bce' ? sigmoid(s) : s);

/**
 * d² loss / d score² per output (before the batch mean's 1/n), for D's loss on
 * either side: BCE's softplus curves by sigmoid'(s), LSGAN's square by 1, and
 * hinge and WGAN are piecewise linear (0).
 */
export function dLossCurvature(loss: LossKind, scores: ArrayLike<number>, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const s = sigmoid(scores[i]);
    out[i] = (loss === 'bce' ? s * (1 - s) : loss === 'lsgan' ? 1 : 0) / n;
  }
}
