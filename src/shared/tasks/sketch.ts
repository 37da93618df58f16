import { NUM_CLASSES } from '../choices/datasets';
import type { TaskSpec } from './spec';

/** Small batches, as super-resolution (docs/benchmarks.md, "Applications"); image-to-image D is BCE. */
export const sketch: TaskSpec = {
  label: 'Sketch to digit',
  hint: 'G turns one-pixel strokes into a digit; draw your own below the view.',
  defaults: { batchSize: 16, gLearningRate: 1e-3, dLearningRate: 2e-4, conditional: false },
  settings: ['l1Weight'],
  flow: {
    input: 'Sketch',
    inputIs: 'one-pixel strokes thinned from the real image',
    judges: 'each image beside its sketch',
    networks: 'a U-Net (G) and a patch detective (D)',
  },
  measures: [
    {
      name: 'Sketches recognised',
      title: `Sketches of 0-${NUM_CLASSES - 1} turned into the right digit`,
      unit: `of ${NUM_CLASSES}`,
      better: 'higher',
      digits: 0,
      domain: [0, NUM_CLASSES],
      series: [{ key: 'recognized', label: 'recognised by the reference classifier' }],
    },
    {
      name: 'L1 error',
      title: 'L1 error on held-out sketches',
      unit: '',
      better: 'lower',
      digits: 3,
      series: [{ key: 'l1', label: 'mean |G(sketch) − digit|' }],
    },
  ],
  viewColumns: ['sketch', 'GAN', 'real'],
  classes: false,
  fromNoise: false,
  viewRows: 'held-out images, one of each class',
  openedInput: 'Held-out images',
  downloadInput: 'a sketch: one-pixel strokes (1) on paper (-1), as Zhang-Suen thinning of a digit gives',
  verdictLoss: 'bce',
};
