import type { LossKind } from '../protocol';

export const LOSSES: Record<LossKind, string> = {
  bce: 'Non-saturating BCE',
  lsgan: 'LSGAN (least squares)',
  hinge: 'Hinge',
  'wgan-gp': 'WGAN-GP',
};

/** Shown under the Loss field for the loss picked. */
export const LOSS_HINTS: Record<LossKind, string> = {
  bce: 'The original GAN loss on logits, non-saturating for G.',
  lsgan: 'Least squares on D’s raw output (Mao et al.): gentler gradients for far-off fakes.',
  hinge: 'Hinge margins at ±1 for D, −D(G(z)) for G (as in SAGAN/BigGAN).',
  'wgan-gp':
    'Wasserstein critic with a gradient penalty (λ 10), 5 critic steps per G step by default. The critic has no BatchNorm (Gulrajani et al.): the penalty is per sample, and batch statistics would mix the batch.',
};

/** D:G steps a loss starts with: WGAN-GP's critic trains 5 times per generator step (Gulrajani et al.). */
export function defaultDSteps(loss: LossKind): number {
  return loss === 'wgan-gp' ? 5 : 1;
}

/** The chart's caption for D(x) / D(G(z)) under each loss. */
export const SCORE_MEANING: Record<LossKind, string> = {
  bce: 'D(x), D(G(z)): mean probability of "real" (0.5 = D cannot tell).',
  lsgan: 'D(x), D(G(z)): mean raw output; D pulls real towards 1 and fake towards 0.',
  hinge: 'D(x), D(G(z)): mean raw score; D aims for ≥ 1 on real and ≤ -1 on fake.',
  'wgan-gp': 'D(x), D(G(z)): mean critic scores; their gap estimates the Wasserstein distance (unbounded).',
};
