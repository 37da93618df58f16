import type { UpscaleName } from '../protocol';
import type { TaskSpec } from './spec';

export const UPSCALE_LABELS: Record<UpscaleName, string> = {
  x4: '7×7 → 28×28 (×4)',
  x2: '14×14 → 28×28 (×2)',
};

export const UPSCALE_FACTOR: Record<UpscaleName, 2 | 4> = { x4: 4, x2: 2 };

/**
 * The applications' small conv networks learn best on small batches
 * (measured in docs/benchmarks.md, "Applications"); image-to-image D is BCE.
 */
export const superres: TaskSpec = {
  label: 'Super-resolution',
  hint: 'G upscales a low-resolution image; D judges it beside its input (pix2pix).',
  defaults: { batchSize: 16, gLearningRate: 1e-3, dLearningRate: 2e-4, conditional: false },
  settings: ['upscale', 'l1Weight'],
  flow: {
    input: 'Low-resolution image',
    inputIs: 'the real image, block-averaged',
    judges: 'each image beside its low-resolution input',
    networks: 'an upscaler (G) and a patch detective (D)',
  },
  classes: false,
  verdictLoss: 'bce',
};
