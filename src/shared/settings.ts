import { MODEL_LABELS } from './names/modelNames';
import { DATASET_LABELS } from './names/datasetNames';
import { TASK_LABELS, UPSCALE_LABELS } from './names/taskNames';
import type { BackendName, LossKind, ModelKind, RunConfig } from './protocol';
import type { Lab2dConfig } from './lab2dProtocol';
import { LAB2D_DATA_LABELS } from './lab2dData';

/**
 * Every setting of a run, once (TF Playground's state.ts): its label, what
 * it accepts, its default, when it applies and its URL name. Validation
 * (hyperparams.ts), the link (page/state/shareUrl.ts), the presets and the
 * control panel's fields all read this table.
 */

/** live: the next step uses it; reset: the next Reset; start: fixed for the page's life (a URL flag). */
export type Applies = 'live' | 'reset' | 'start';

export interface NumberRule {
  kind: 'number';
  min: number;
  max: number;
  /** The bound itself is refused. */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
  message: string;
}

export interface ChoiceRule {
  kind: 'choice';
  /** Allowed values and what the page calls them. */
  labels: Readonly<Record<string, string>>;
  message: string;
}

export interface BooleanRule {
  kind: 'boolean';
  message: string;
}

export type Rule = NumberRule | ChoiceRule | BooleanRule;

export interface Setting {
  label: string;
  rule: Rule;
  applies: Applies;
  /** The query parameter that carries it. */
  url: string;
  /** A preset fills it in (seed, batch size and data stay the user's). */
  preset: boolean;
  /** Shown under the field. */
  hint?: string;
  /** Its default for a model and loss; undefined: not set unless asked for (the URL flags). */
  initial?: (model: ModelKind, loss: LossKind) => RunConfig[keyof RunConfig];
}

export const LATENT_SIZE = 100;
export const NUM_CLASSES = 10;
export const BATCH_MIN = 8;
export const BATCH_MAX = 512;
export const D_STEPS_MAX = 10;
export const SMOOTHING_MAX = 0.5;
export const INSTANCE_NOISE_MAX = 1;
export const READ_EVERY_MAX = 100;
export const L1_WEIGHT_MAX = 1000;
export const CYCLE_WEIGHT_MAX = 100;
export const AUTOSAVE_MAX_SECONDS = 3600;
export const AUTOSAVE_DEFAULT_SECONDS = 30;

export const LOSSES: Record<LossKind, string> = {
  bce: 'Non-saturating BCE',
  lsgan: 'LSGAN (least squares)',
  hinge: 'Hinge',
  'wgan-gp': 'WGAN-GP',
};

const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** D:G steps a loss starts with: WGAN-GP's critic trains 5 times per generator step (Gulrajani et al.). */
export function defaultDSteps(loss: LossKind): number {
  return loss === 'wgan-gp' ? 5 : 1;
}

/**
 * Per-model rates: the Keras tutorial's for the MLP, the DCGAN paper's for the
 * big convs; DCGAN-lite's learned fastest per second of 2e-4, 5e-4 and 1e-3
 * (docs/benchmarks.md, "A conv model for CPUs").
 */
const MODEL_RATE: Record<ModelKind, number> = { mlp: 1e-3, dcgan: 2e-4, 'dcgan-lite': 5e-4, 'dcgan-seed': 2e-4 };
const rate = (model: ModelKind) => MODEL_RATE[model];
const RATE: NumberRule = { kind: 'number', min: 0, max: 1, minOpen: true, message: 'must be a number > 0 and ≤ 1' };
const always =
  <T extends RunConfig[keyof RunConfig]>(v: T) =>
  () =>
    v;

/** In the order a link lists them. */
export const SETTINGS: Record<keyof RunConfig, Setting> = {
  task: {
    label: 'Task',
    rule: { kind: 'choice', labels: TASK_LABELS, message: `must be one of ${Object.keys(TASK_LABELS).join(', ')}` },
    applies: 'reset',
    url: 'task',
    preset: false,
    initial: always('generate'),
  },
  upscale: {
    label: 'Low resolution',
    rule: { kind: 'choice', labels: UPSCALE_LABELS, message: 'must be x4 or x2' },
    applies: 'reset',
    url: 'upscale',
    preset: false,
    hint: 'the input G upscales to 28×28',
    initial: always('x4'),
  },
  model: {
    label: 'Model',
    rule: { kind: 'choice', labels: MODEL_LABELS, message: 'unknown model' },
    applies: 'reset',
    url: 'model',
    preset: true,
    initial: (m) => m,
  },
  dataset: {
    label: 'Data',
    rule: { kind: 'choice', labels: DATASET_LABELS, message: 'must be mnist, fashion or custom' },
    applies: 'reset',
    url: 'dataset',
    preset: false,
    initial: always('mnist'),
  },
  batchSize: {
    label: 'Batch size',
    rule: { kind: 'number', min: BATCH_MIN, max: BATCH_MAX, integer: true, message: `must be a whole number from ${BATCH_MIN} to ${BATCH_MAX}` },
    applies: 'reset',
    url: 'batchSize',
    preset: false,
    hint: `${BATCH_MIN}–${BATCH_MAX}, takes effect on Reset`,
    initial: always(64),
  },
  seed: {
    label: 'Seed',
    rule: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true, message: 'must be a whole number from 0 to 2147483647' },
    applies: 'reset',
    url: 'seed',
    preset: false,
    initial: always(42),
  },
  gLearningRate: { label: 'Generator LR', rule: RATE, applies: 'live', url: 'gLearningRate', preset: true, initial: rate },
  dLearningRate: { label: 'Discriminator LR', rule: RATE, applies: 'live', url: 'dLearningRate', preset: true, initial: rate },
  beta1: {
    label: 'Adam β1',
    rule: { kind: 'number', min: 0, max: 1, maxOpen: true, message: 'must be a number ≥ 0 and < 1' },
    applies: 'live',
    url: 'beta1',
    preset: true,
    initial: always(0.5),
  },
  dSteps: {
    label: 'D steps per G step',
    rule: { kind: 'number', min: 1, max: D_STEPS_MAX, integer: true, message: `must be a whole number of D steps per G step, 1 to ${D_STEPS_MAX}` },
    applies: 'live',
    url: 'dSteps',
    preset: true,
    hint: `1–${D_STEPS_MAX}; one chart step is all of them plus one G step`,
    initial: (_m, loss) => defaultDSteps(loss),
  },
  labelSmoothing: {
    label: 'Label smoothing',
    rule: { kind: 'number', min: 0, max: SMOOTHING_MAX, message: `must be a number from 0 (off) to ${SMOOTHING_MAX} (real target ${1 - SMOOTHING_MAX})` },
    applies: 'live',
    url: 'labelSmoothing',
    preset: true,
    hint: `0–${SMOOTHING_MAX}; the real target becomes 1 − this`,
    initial: always(0),
  },
  loss: {
    label: 'Loss',
    rule: { kind: 'choice', labels: LOSSES, message: `must be one of ${Object.keys(LOSSES).join(', ')}` },
    applies: 'reset',
    url: 'loss',
    preset: true,
    initial: always('bce'),
  },
  conditional: {
    label: 'Conditional (one row per digit)',
    rule: { kind: 'boolean', message: 'must be true or false' },
    applies: 'reset',
    url: 'conditional',
    preset: true,
    initial: always(false),
  },
  instanceNoise: {
    label: 'Instance noise (std)',
    rule: { kind: 'number', min: 0, max: INSTANCE_NOISE_MAX, message: `must be a noise std from 0 (off) to ${INSTANCE_NOISE_MAX}` },
    applies: 'reset',
    url: 'instanceNoise',
    preset: true,
    hint: `0–${INSTANCE_NOISE_MAX}, added to every image D sees, real and fake`,
    initial: always(0),
  },
  l1Weight: {
    label: 'L1 weight λ',
    rule: { kind: 'number', min: 0, max: L1_WEIGHT_MAX, message: `must be a number from 0 (adversarial only) to ${L1_WEIGHT_MAX}` },
    applies: 'live',
    url: 'l1Weight',
    preset: false,
    hint: "G's loss is D's verdict + λ × mean |G(input) − real|",
    initial: always(20),
  },
  cycleWeight: {
    label: 'Cycle weight λ',
    rule: { kind: 'number', min: 0, max: CYCLE_WEIGHT_MAX, message: `must be a number from 0 (no cycle term) to ${CYCLE_WEIGHT_MAX}` },
    applies: 'live',
    url: 'cycleWeight',
    preset: false,
    hint: 'weight of |A→B→A − A| + |B→A→B − B| in both generators’ loss',
    initial: always(10),
  },
  backend: {
    label: 'Backend',
    rule: { kind: 'choice', labels: BACKEND_LABELS, message: `must be one of ${Object.keys(BACKEND_LABELS).join(', ')}` },
    applies: 'start',
    url: 'backend',
    preset: false,
  },
  readEvery: {
    label: 'Read losses every k steps',
    rule: { kind: 'number', min: 1, max: READ_EVERY_MAX, integer: true, message: `must be a whole number from 1 to ${READ_EVERY_MAX}` },
    applies: 'start',
    url: 'k',
    preset: false,
  },
};

/** Autosave's interval (a page preference kept in localStorage, sent as `setAutosave`). */
export const AUTOSAVE: NumberRule = {
  kind: 'number',
  min: 0,
  max: AUTOSAVE_MAX_SECONDS,
  integer: true,
  message: `must be a whole number from 0 (off) to ${AUTOSAVE_MAX_SECONDS}`,
};

export type SettingKey = keyof RunConfig;

export const settingKeys = (applies: Applies): SettingKey[] => (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].applies === applies);

/** The settings a link, a run file and a Reset carry: all but the URL flags. */
export const RUN_KEYS: SettingKey[] = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].applies !== 'start');

/** Why `v` breaks `rule`, or undefined when it does not. */
export function ruleError(rule: Rule, v: unknown): string | undefined {
  switch (rule.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : rule.message;
    case 'choice':
      return typeof v === 'string' && Object.hasOwn(rule.labels, v) ? undefined : rule.message;
    case 'number': {
      const bad =
        typeof v !== 'number' ||
        !Number.isFinite(v) ||
        (rule.integer && !Number.isInteger(v)) ||
        (rule.minOpen ? v <= rule.min : v < rule.min) ||
        (rule.maxOpen ? v >= rule.max : v > rule.max);
      return bad ? rule.message : undefined;
    }
  }
}

/** A setting of the 2D lab (its own run shape, Lab2dConfig): the same rules, a plain default. */
export interface Lab2dSetting {
  label: string;
  rule: Rule;
  applies: Exclude<Applies, 'start'>;
  url: string;
  initial: Lab2dConfig[keyof Lab2dConfig];
  hint?: string;
}

const count = (min: number, max: number, what: string): NumberRule => ({
  kind: 'number',
  min,
  max,
  integer: true,
  message: `must be a whole number of ${what} from ${min} to ${max}`,
});
const ACTIVATIONS = { relu: 'ReLU', leakyRelu: 'Leaky ReLU', tanh: 'tanh' };

/** The 2D lab's settings, in the order a link lists them (`?mode=lab2d&data=ring&...`). */
export const LAB2D_SETTINGS: Record<keyof Lab2dConfig, Lab2dSetting> = {
  data: { label: 'Data', rule: { kind: 'choice', labels: LAB2D_DATA_LABELS, message: 'unknown 2D data set' }, applies: 'reset', url: 'data', initial: 'ring' },
  seed: { label: 'Seed', rule: count(0, 2 ** 31 - 1, 'seed'), applies: 'reset', url: 'seed', initial: 1 },
  batchSize: { label: 'Batch size', rule: count(BATCH_MIN, 1024, 'samples'), applies: 'reset', url: 'batch', initial: 256 },
  noiseSize: { label: 'Noise size', rule: count(1, 8, 'noise dimensions'), applies: 'reset', url: 'noise', initial: 2 },
  gLayers: { label: 'G hidden layers', rule: count(0, 4, 'layers'), applies: 'reset', url: 'gLayers', initial: 2 },
  gWidth: { label: 'G width', rule: count(4, 128, 'units'), applies: 'reset', url: 'gWidth', initial: 32 },
  dLayers: { label: 'D hidden layers', rule: count(0, 4, 'layers'), applies: 'reset', url: 'dLayers', initial: 2 },
  dWidth: { label: 'D width', rule: count(4, 128, 'units'), applies: 'reset', url: 'dWidth', initial: 32 },
  activation: {
    label: 'Activation',
    rule: { kind: 'choice', labels: ACTIVATIONS, message: 'must be relu, leakyRelu or tanh' },
    applies: 'reset',
    url: 'act',
    initial: 'relu',
  },
  // BCE without 'non-saturating': the lab's G loss form says which.
  loss: {
    label: 'Loss',
    rule: { kind: 'choice', labels: { ...LOSSES, bce: 'BCE' }, message: `must be one of ${Object.keys(LOSSES).join(', ')}` },
    applies: 'reset',
    url: 'loss',
    initial: 'bce',
  },
  gLossForm: {
    label: "G's loss (with BCE)",
    rule: {
      kind: 'choice',
      labels: { nonSaturating: 'non-saturating: −log D(G(z))', minimax: 'minimax: log(1 − D(G(z)))' },
      message: 'must be nonSaturating or minimax',
    },
    applies: 'reset',
    url: 'gForm',
    initial: 'nonSaturating',
    hint: "the minimax form is the original GAN's: its gradient vanishes when D wins",
  },
  optimizer: {
    label: 'Optimizer',
    rule: { kind: 'choice', labels: { adam: 'Adam', sgd: 'SGD' }, message: 'must be adam or sgd' },
    applies: 'reset',
    url: 'opt',
    initial: 'adam',
  },
  gLearningRate: { label: 'G learning rate', rule: RATE, applies: 'live', url: 'gLr', initial: 1e-3 },
  dLearningRate: { label: 'D learning rate', rule: RATE, applies: 'live', url: 'dLr', initial: 1e-3 },
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
