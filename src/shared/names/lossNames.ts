import type { LossKind } from '../protocol';

/** The chart's caption for D(x) / D(G(z)) under each loss. */
export const SCORE_MEANING: Record<LossKind, string> = {
  bce: 'D(x), D(G(z)): mean probability of "real" (0.5 = D cannot tell).',
  lsgan: 'D(x), D(G(z)): mean raw output; D pulls real towards 1 and fake towards 0.',
  hinge: 'D(x), D(G(z)): mean raw score; D aims for ≥ 1 on real and ≤ -1 on fake.',
  'wgan-gp': 'D(x), D(G(z)): mean critic scores; their gap estimates the Wasserstein distance (unbounded).',
};
