import { DATASET_LABELS } from './choices/datasets';
import { LOSS_HINTS, LOSSES, defaultDSteps } from './choices/losses';
import { MODEL_HINTS, MODEL_LABELS, MODEL_RATE } from './choices/models';
import type { BackendName, LossKind, ModelKind, RunConfig } from './protocol';
import { BATCH_MIN, choice, D_STEPS_MAX, RATE, SEED, type Applies, type NumberRule, type Rule } from './settingRules';
import { DEFAULT_TASK, TASK_HINTS, TASK_LABELS, UPSCALE_LABELS } from './tasks';

/**
 * Every setting of a run, once (TF Playground's state.ts): its label, what
 * it accepts, its default, when it applies and its URL name. Validation
 * (hyperparams.ts), the command checks (runConfig.ts), the link
 * (page/state/shareUrl.ts), the presets and the control panel's fields all
 * read this table; the rules' shapes are in settingRules.ts.
 */

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
  /** For a choice: shown under the field for the value picked (instead of `hint`). */
  hints?: Readonly<Record<string, string>>;
  /** Its default for a model and loss; undefined: not set unless asked for (the URL flags). */
  initial?: (model: ModelKind, loss: LossKind) => RunConfig[keyof RunConfig];
  /** Added after the first run files: one without it reads as the initial value. */
  addedLater?: boolean;
}

export const LATENT_SIZE = 100;
export const BATCH_MAX = 512;
export const SMOOTHING_MAX = 0.5;
export const INSTANCE_NOISE_MAX = 1;
export const READ_EVERY_MAX = 100;
export const L1_WEIGHT_MAX = 1000;
export const CYCLE_WEIGHT_MAX = 100;
export const AUTOSAVE_MAX_SECONDS = 3600;
export const AUTOSAVE_DEFAULT_SECONDS = 30;

const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

const rate = (model: ModelKind) => MODEL_RATE[model];
const always =
  <T extends RunConfig[keyof RunConfig]>(v: T) =>
  () =>
    v;

/** In the order a link lists them. */
export const SETTINGS: Record<keyof RunConfig, Setting> = {
  task: {
    label: 'Task',
    rule: choice(TASK_LABELS),
    applies: 'reset',
    url: 'task',
    preset: false,
    hints: TASK_HINTS,
    addedLater: true,
    initial: always(DEFAULT_TASK),
  },
  upscale: {
    label: 'Low resolution',
    rule: choice(UPSCALE_LABELS, 'must be x4 or x2'),
    applies: 'reset',
    url: 'upscale',
    preset: false,
    addedLater: true,
    hint: 'the input G upscales to 28×28',
    initial: always('x4'),
  },
  model: {
    label: 'Model',
    rule: choice(MODEL_LABELS, 'unknown model'),
    applies: 'reset',
    url: 'model',
    preset: true,
    hints: MODEL_HINTS,
    initial: (m) => m,
  },
  dataset: {
    label: 'Data',
    rule: choice(DATASET_LABELS, 'must be mnist, fashion or custom'),
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
    rule: SEED,
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
    addedLater: true,
  },
  labelSmoothing: {
    label: 'Label smoothing',
    rule: { kind: 'number', min: 0, max: SMOOTHING_MAX, message: `must be a number from 0 (off) to ${SMOOTHING_MAX} (real target ${1 - SMOOTHING_MAX})` },
    applies: 'live',
    url: 'labelSmoothing',
    preset: true,
    hint: `0–${SMOOTHING_MAX}; the real target becomes 1 − this`,
    initial: always(0),
    addedLater: true,
  },
  loss: {
    label: 'Loss',
    rule: choice(LOSSES),
    applies: 'reset',
    url: 'loss',
    preset: true,
    hints: LOSS_HINTS,
    initial: always('bce'),
    addedLater: true,
  },
  conditional: {
    label: 'Conditional (one row per digit)',
    rule: { kind: 'boolean', message: 'must be true or false' },
    applies: 'reset',
    url: 'conditional',
    preset: true,
    initial: always(false),
    addedLater: true,
  },
  instanceNoise: {
    label: 'Instance noise (std)',
    rule: { kind: 'number', min: 0, max: INSTANCE_NOISE_MAX, message: `must be a noise std from 0 (off) to ${INSTANCE_NOISE_MAX}` },
    applies: 'reset',
    url: 'instanceNoise',
    preset: true,
    hint: `0–${INSTANCE_NOISE_MAX}, added to every image D sees, real and fake`,
    initial: always(0),
    addedLater: true,
  },
  l1Weight: {
    label: 'L1 weight λ',
    rule: { kind: 'number', min: 0, max: L1_WEIGHT_MAX, message: `must be a number from 0 (adversarial only) to ${L1_WEIGHT_MAX}` },
    applies: 'live',
    url: 'l1Weight',
    preset: false,
    hint: "G's loss is D's verdict + λ × mean |G(input) − real|",
    initial: always(20),
    addedLater: true,
  },
  cycleWeight: {
    label: 'Cycle weight λ',
    rule: { kind: 'number', min: 0, max: CYCLE_WEIGHT_MAX, message: `must be a number from 0 (no cycle term) to ${CYCLE_WEIGHT_MAX}` },
    applies: 'live',
    url: 'cycleWeight',
    preset: false,
    hint: 'weight of |A→B→A − A| + |B→A→B − B| in both generators’ loss',
    initial: always(10),
    addedLater: true,
  },
  backend: {
    label: 'Backend',
    rule: choice(BACKEND_LABELS),
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

// One import for every table: the lab's lives in lab2dSettings.ts, the rules in settingRules.ts.
export { ruleError } from './settingRules';
export { NUM_CLASSES } from './choices/datasets';
export { LOSSES, defaultDSteps } from './choices/losses';
export { LAB2D_SETTINGS, lab2dDefaults } from './lab2dSettings';
