import * as tf from '@tensorflow/tfjs';
import { TASK_LABELS } from '../../../shared/tasks';
import type { TaskPlugin } from '../../loop/plugin';
import { pairedGenerator } from '../../paired/generatorFor';
import { SIDE } from '../../paired/pairedTrainer';
import { drawDigit } from './sketch';
import { sketchBatch } from './skeleton';
import { sketchTask } from './sketchTask';

/** Sketch to digit: a U-Net turns thinned strokes into digits; you can draw for it. */
export const sketch: TaskPlugin = {
  id: 'sketch',
  needs: { test: true, digits: false, samplers: 1 },
  build: sketchTask,
  describe: () => TASK_LABELS.sketch,
  // The applications' networks are small convnets: probe as for DCGAN.
  probe: (c) => ({ label: TASK_LABELS.sketch, model: 'dcgan', key: `sketch/${c.upscale}` }),
  opened: {
    inputShapes: ['28,28,1'],
    dataset: (trained) => trained,
    input: (images, values) => {
      const n = images.shape[0];
      return tf.tensor4d(sketchBatch(values, n, SIDE), [n, SIDE, SIDE, 1]);
    },
  },
  commands: {
    /** A drawing through a sketch-to-digit generator. */
    async translate(cmd, ctx) {
      const { model, step } = pairedGenerator(ctx.task, ctx.viewer, cmd.source, 'sketch');
      const { sketch, output } = await drawDigit((x) => model.apply(x) as tf.Tensor4D, cmd.pixels);
      const image = (gray: Uint8Array) => ({ count: 1, size: SIDE, gray });
      ctx.post({ type: 'translated', source: cmd.source, request: cmd.request, step, sketch: image(sketch), output: image(output) }, [
        sketch.buffer,
        output.buffer,
      ]);
    },
  },
};
