import type * as tf from '@tensorflow/tfjs';
import { TASK_LABELS, UPSCALE_FACTOR } from '../../../shared/tasks';
import { messageOf } from '../../../shared/errors';
import type { TaskPlugin } from '../../loop/plugin';
import { Refusal } from '../../loop/refusal';
import { pairedGenerator } from '../../paired/generatorFor';
import { SIDE } from '../../paired/pairedTrainer';
import type { UpscaleFactor } from './networks';
import { downscale } from './resample';
import { upscaleImage } from './superRes';
import { superResTask } from './superResTask';

/** Super-resolution: the GAN beside bicubic and an L1-only generator; you can upscale your own image. */
export const superres: TaskPlugin = {
  id: 'superres',
  needs: { test: true, digits: false, samplers: 1 },
  build: superResTask,
  describe: () => TASK_LABELS.superres,
  // The applications' networks are small convnets: probe as for DCGAN.
  probe: (c) => ({ label: TASK_LABELS.superres, model: 'dcgan', key: `superres/${c.upscale}` }),
  opened: {
    // The download's checks allow only 7x7 and 14x14 inputs (export.ts).
    inputShapes: ['7,7,1', '14,14,1'],
    dataset: (trained) => trained,
    input: (images, _values, side) => downscale(images, SIDE / side),
  },
  commands: {
    /** Your own image through a super-resolution generator. */
    async upscale(cmd, ctx) {
      const { model, step, task } = pairedGenerator(ctx.task, ctx.viewer, cmd.source, 'superres');
      const factor = (task ? UPSCALE_FACTOR[task.config.upscale] : SIDE / (model.inputs[0].shape[1] ?? SIDE)) as UpscaleFactor;
      let made;
      try {
        made = await upscaleImage((x) => model.apply(x) as tf.Tensor4D, factor, cmd.pixels, cmd.side);
      } catch (e) {
        throw new Refusal(messageOf(e));
      }
      const { low, bicubic, output } = made;
      const image = (gray: Uint8Array, size: number) => ({ count: 1, size, gray });
      ctx.post(
        {
          type: 'upscaled',
          source: cmd.source,
          request: cmd.request,
          step,
          low: image(low, SIDE / factor),
          bicubic: image(bicubic, SIDE),
          output: image(output, SIDE),
        },
        [low.buffer, bicubic.buffer, output.buffer],
      );
    },
  },
};
