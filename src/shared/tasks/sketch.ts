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
  classes: false,
  verdictLoss: 'bce',
};
