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
 * as many): DCGAN-28 at 64, DCGAN-lite at 16. The big convs cost width², so
 * DCGAN-lite's are a sixteenth of DCGAN-28's; on a CPU it runs ~7x the steps
 * per second (docs/benchmarks.md, "A conv model for CPUs").
 */
export const DCGAN_WIDTH = { dcgan: 64, 'dcgan-lite': 16 } as const;
