import type { ModelKind } from '../protocol';

/** What each architecture is called in the UI and in exported files. */
export const MODEL_LABELS: Record<ModelKind, string> = {
  mlp: 'MLP',
  dcgan: 'DCGAN',
  'dcgan-seed': 'DCGAN (seed)',
};
