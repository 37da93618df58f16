import type { ModelKind } from '../protocol';

/** What each architecture is called in the UI and in exported files. */
export const MODEL_LABELS: Record<ModelKind, string> = {
  mlp: 'MLP',
  dcgan: 'DCGAN',
  'dcgan-lite': 'DCGAN-lite',
  'dcgan-seed': 'DCGAN (seed)',
};

/**
 * Channels of G's 14x14 layer and of D's first conv (the other layer has twice
 * as many): DCGAN-28 at 64, DCGAN-lite at 16, which costs about a twelfth of the
 * multiply-adds, so a CPU runs it ~7x as many steps per second.
 */
export const DCGAN_WIDTH = { dcgan: 64, 'dcgan-lite': 16 } as const;
