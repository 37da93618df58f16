import { LOSSES } from './choices/losses';
import { LAB2D_DATA_LABELS } from './lab2dData';
import type { Lab2dConfig, Lab2dLayers } from './lab2dProtocol';
import { BATCH_MIN, choice, count, D_STEPS_MAX, RATE, SEED_MAX, type Applies, type Rule } from './settingRules';

/** A setting of the 2D lab (its own run shape, Lab2dConfig): the same rules, a plain default. */
export interface Lab2dSetting {
  label: string;
  rule: Rule;
  applies: Exclude<Applies, 'start'>;
  /** Its query parameter: digits' name where digits has the setting (a rate, the batch size), a short one for the lab's own. */
  url: string;
  /** Names links written before 2026-12-08 used: read, never written. */
  aliases?: readonly string[];
  initial: Lab2dConfig[keyof Lab2dConfig];
  hint?: string;
}

const ACTIVATIONS = { relu: 'ReLU', leakyRelu: 'Leaky ReLU', tanh: 'tanh' };

/** The 2D lab's settings, in the order a link lists them (`?mode=lab2d&data=ring&...`). */
export const LAB2D_SETTINGS: Record<keyof Lab2dConfig, Lab2dSetting> = {
  data: { label: 'Data', rule: choice(LAB2D_DATA_LABELS, 'unknown 2D data set'), applies: 'reset', url: 'data', initial: 'ring' },
  seed: { label: 'Seed', rule: count(0, SEED_MAX, 'seed'), applies: 'reset', url: 'seed', initial: 1 },
  batchSize: { label: 'Batch size', rule: count(BATCH_MIN, 1024, 'samples'), applies: 'reset', url: 'batchSize', aliases: ['batch'], initial: 256 },
  noiseSize: { label: 'Noise size', rule: count(1, 8, 'noise dimensions'), applies: 'reset', url: 'noise', initial: 2 },
  gLayers: { label: 'G hidden layers', rule: count(0, 4, 'layers'), applies: 'reset', url: 'gLayers', initial: 2 },
  gWidth: { label: 'G width', rule: count(4, 128, 'units'), applies: 'reset', url: 'gWidth', initial: 32 },
  dLayers: { label: 'D hidden layers', rule: count(0, 4, 'layers'), applies: 'reset', url: 'dLayers', initial: 2 },
  dWidth: { label: 'D width', rule: count(4, 128, 'units'), applies: 'reset', url: 'dWidth', initial: 32 },
  activation: {
    label: 'Activation',
    rule: choice(ACTIVATIONS, 'must be relu, leakyRelu or tanh'),
    applies: 'reset',
    url: 'act',
    initial: 'relu',
  },
  // BCE without 'non-saturating': the lab's G loss form says which.
  loss: {
    label: 'Loss',
    rule: choice({ ...LOSSES, bce: 'BCE' }),
    applies: 'reset',
    url: 'loss',
    initial: 'bce',
  },
  gLossForm: {
    label: "G's loss (with BCE)",
    rule: choice({ nonSaturating: 'non-saturating: −log D(G(z))', minimax: 'minimax: log(1 − D(G(z)))' }, 'must be nonSaturating or minimax'),
    applies: 'reset',
    url: 'gForm',
    initial: 'nonSaturating',
    hint: "the minimax form is the original GAN's: its gradient vanishes when D wins",
  },
  optimizer: {
    label: 'Optimizer',
    rule: choice({ adam: 'Adam', sgd: 'SGD' }, 'must be adam or sgd'),
    applies: 'reset',
    url: 'opt',
    initial: 'adam',
  },
  gLearningRate: { label: 'G learning rate', rule: RATE, applies: 'live', url: 'gLearningRate', aliases: ['gLr'], initial: 1e-3 },
  dLearningRate: { label: 'D learning rate', rule: RATE, applies: 'live', url: 'dLearningRate', aliases: ['dLr'], initial: 1e-3 },
  dSteps: { label: 'D steps per G step', rule: count(1, D_STEPS_MAX, 'D steps'), applies: 'live', url: 'dSteps', initial: 1 },
  unroll: {
    label: 'Unrolled steps (k)',
    rule: count(0, 10, 'look-ahead steps'),
    applies: 'live',
    url: 'unroll',
    initial: 0,
    hint: "0 is a plain GAN; k > 0: G's update sees D after k more steps",
  },
};

export const lab2dDefaults = (): Lab2dConfig => Object.fromEntries(Object.entries(LAB2D_SETTINGS).map(([k, s]) => [k, s.initial])) as unknown as Lab2dConfig;

/** The canvas's layers: what the Layers box calls each, and whether a fresh lab shows it. */
export const LAB2D_LAYERS: Record<keyof Lab2dLayers, { label: string; initial: boolean }> = {
  real: { label: 'Real points', initial: true },
  fake: { label: 'Fake points', initial: true },
  heatmap: { label: "D's heatmap", initial: true },
  mesh: { label: "G's map (warped grid)", initial: true },
  arrows: { label: 'Arrows: where G pushes each fake', initial: true },
};

export const lab2dLayerDefaults = (): Lab2dLayers => Object.fromEntries(Object.entries(LAB2D_LAYERS).map(([k, l]) => [k, l.initial])) as unknown as Lab2dLayers;
