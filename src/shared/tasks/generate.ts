import type { TaskSpec } from './spec';

export const generate: TaskSpec = {
  label: 'Generate from noise',
  hint: 'Digits from random noise: the classic GAN.',
  defaults: {},
  settings: ['model', 'loss', 'conditional', 'instanceNoise', 'dSteps', 'labelSmoothing'],
  flow: { input: 'Noise z', inputIs: 'numbers from N(0, 1)', judges: 'real images and fakes', networks: 'a forger (G) and a detective (D)' },
  measures: [],
  viewColumns: [],
  classes: true,
  fromNoise: true,
  viewRows: '',
  openedInput: '',
  downloadInput: '',
  verdictLoss: 'chosen',
};
