import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../../shared/protocol';
import { UPSCALE_FACTOR } from '../../../shared/tasks';
import type { TaskData } from '../../loop/plugin';
import { heldOut } from '../../paired/pairedTrainer';
import { PairedTask } from '../../paired/pairedTask';
import { evaluateSuperRes, superResPairing, superResShowcase } from './superRes';

/** Fixed held-out images the view shows, one per row. */
export const SHOWCASE_ROWS = 8;
/** Held-out images PSNR and SSIM are measured on. */
export const SCORED_IMAGES = 1000;

/** Super-resolution: the GAN, bicubic and an L1-only generator upscale the same held-out images. */
export function superResTask(config: RunConfig, data: TaskData): PairedTask {
  const factor = UPSCALE_FACTOR[config.upscale];
  let shown: tf.Tensor4D | null = null;
  let scored: tf.Tensor4D | null = null;
  return new PairedTask(config, data.train, {
    pairing: superResPairing(factor),
    l1Baseline: true,
    async showcase(trainer) {
      shown ??= heldOut(data.test, SHOWCASE_ROWS);
      return { ...(await superResShowcase(trainer, factor, shown)), rows: shown.shape[0], classIndex: null };
    },
    async evaluate(trainer) {
      scored ??= heldOut(data.test, SCORED_IMAGES);
      const s = await evaluateSuperRes(trainer, factor, scored);
      const values: Record<string, number> = { psnrGan: s.psnr.gan, psnrBicubic: s.psnr.bicubic, ssimGan: s.ssim.gan, ssimBicubic: s.ssim.bicubic };
      if (s.psnr.l1 !== null && s.ssim.l1 !== null) Object.assign(values, { psnrL1: s.psnr.l1, ssimL1: s.ssim.l1 });
      return { count: s.count, values };
    },
    dispose() {
      shown?.dispose();
      scored?.dispose();
    },
  });
}
