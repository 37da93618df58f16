import type { TaskSpec } from './spec';

/** Set A is MNIST, so set B is another data set; the critics are least-squares, as in CycleGAN. */
export const transfer: TaskSpec = {
  label: 'Domain transfer (CycleGAN)',
  hint: 'Two generators translate MNIST digits ↔ the data set chosen; no pairs needed (CycleGAN).',
  defaults: { batchSize: 8, gLearningRate: 5e-4, dLearningRate: 5e-4, conditional: false, dataset: 'fashion' },
  settings: ['cycleWeight'],
  flow: {
    input: 'Image of set A',
    inputIs: 'G_AB makes it a B; G_BA (same shape) goes back',
    judges: 'set B’s images and translated ones (D_A mirrors it)',
    networks: 'two translators and two detectives (one of each shown)',
  },
  measures: [
    {
      name: 'Cycle loss',
      title: 'Cycle loss on held-out images',
      unit: '',
      better: 'lower',
      digits: 3,
      series: [{ key: 'cycle', label: '|A→B→A − A| + |B→A→B − B|' }],
    },
  ],
  viewColumns: ['A', 'A→B', 'A→B→A', 'B', 'B→A', 'B→A→B'],
  classes: false,
  fromNoise: false,
  viewRows: 'held-out pairs',
  openedInput: 'Held-out images of MNIST digits',
  downloadInput: 'an image of set A (MNIST digits); out comes it translated into set B',
  verdictLoss: 'lsgan',
  refusesData: {
    dataset: 'mnist',
    problem: 'is the other side of a transfer from MNIST digits: pick Fashion-MNIST or your own images',
    hint: 'Set B; set A is always MNIST digits.',
  },
};
