import type { ModelKind } from '../protocol';

/** What each architecture is called in the UI and in exported files. */
export const MODEL_LABELS: Record<ModelKind, string> = {
  mlp: 'MLP',
  dcgan: 'DCGAN',
  'dcgan-lite': 'DCGAN-lite',
  'dcgan-seed': 'DCGAN (seed)',
};

/** Shown under the Model field for the model picked. */
export const MODEL_HINTS: Record<ModelKind, string> = {
  mlp: 'Dense 128 on each side: fast everywhere, digits in minutes on a CPU.',
  dcgan: 'Transposed convs (DCGAN-28): sharper digits, wants a real GPU.',
  'dcgan-lite': 'DCGAN-28 at a quarter of its channels: conv digits in minutes on a CPU.',
  'dcgan-seed': 'Upsample + conv G, dropout D (the Keras DCGAN): heaviest.',
};

/**
 * Per-model rates: the Keras tutorial's for the MLP, the DCGAN paper's for the
 * big convs; DCGAN-lite's learned fastest per second of 2e-4, 5e-4 and 1e-3
 * (docs/benchmarks.md, "A conv model for CPUs").
 */
export const MODEL_RATE: Record<ModelKind, number> = { mlp: 1e-3, dcgan: 2e-4, 'dcgan-lite': 5e-4, 'dcgan-seed': 2e-4 };

/** The seed's DCGAN has no class input: a conditional run needs one of the others. */
export const UNCONDITIONAL_MODELS: readonly ModelKind[] = ['dcgan-seed'];

/**
 * Channels of G's 14x14 layer and of D's first conv (the other layer has twice
 * as many): DCGAN-28 at 64, DCGAN-lite at 16. The big convs cost width², so
 * DCGAN-lite's are a sixteenth of DCGAN-28's; on a CPU it runs ~7x the steps
 * per second (docs/benchmarks.md, "A conv model for CPUs").
 */
export const DCGAN_WIDTH = { dcgan: 64, 'dcgan-lite': 16 } as const;
