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
  measures: [
    {
      name: 'PSNR',
      title: 'PSNR on held-out images',
      unit: 'dB',
      better: 'higher',
      digits: 2,
      series: [
        { key: 'psnrGan', label: 'GAN' },
        { key: 'psnrL1', label: 'L1 only (λ = ∞)', reference: true },
        { key: 'psnrBicubic', label: 'bicubic', reference: true },
      ],
    },
    {
      name: 'SSIM',
      title: 'SSIM on held-out images',
      unit: '',
      better: 'higher',
      digits: 3,
      series: [
        { key: 'ssimGan', label: 'GAN' },
        { key: 'ssimL1', label: 'L1 only (λ = ∞)', reference: true },
        { key: 'ssimBicubic', label: 'bicubic', reference: true },
      ],
    },
  ],
  viewColumns: ['input', 'bicubic', 'GAN', 'L1 only', 'real'],
  classes: false,
  fromNoise: false,
  viewRows: 'held-out images',
  openedInput: 'Held-out images',
  downloadInput: 'a low-resolution image, each pixel the mean of a block of the 28x28 original',
  verdictLoss: 'bce',
};
