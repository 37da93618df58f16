import type { LiveHyperparams, LossKind, ModelKind, RunConfig } from './protocol';

export const LATENT_SIZE = 100;
export const NUM_CLASSES = 10;
export const D_STEPS_MAX = 10;
export const SMOOTHING_MAX = 0.5;
export const INSTANCE_NOISE_MAX = 1;
export const LOSSES: Record<LossKind, string> = {
  bce: 'Non-saturating BCE',
  lsgan: 'LSGAN (least squares)',
  hinge: 'Hinge',
  'wgan-gp': 'WGAN-GP',
};

/** D:G steps a loss starts with: WGAN-GP's critic trains 5 times per generator step (Gulrajani et al.). */
export function defaultDSteps(loss: LossKind): number {
  return loss === 'wgan-gp' ? 5 : 1;
}

/** Per-model defaults: the Keras tutorial for the MLP, the DCGAN paper for convs. */
export function defaultConfig(model: ModelKind): RunConfig {
  const lr = model === 'mlp' ? 1e-3 : 2e-4;
  return {
    model,
    dataset: 'mnist',
    batchSize: 64,
    seed: 42,
    gLearningRate: lr,
    dLearningRate: lr,
    beta1: 0.5,
    dSteps: 1,
    labelSmoothing: 0,
    loss: 'bce',
    conditional: false,
    instanceNoise: 0,
  };
}

export type FieldErrors = Partial<Record<keyof RunConfig, string>>;

const RATE_MSG = 'must be a number > 0 and ≤ 1';

function checkRate(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) return RATE_MSG;
  return undefined;
}

function checkBeta(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1) {
    return 'must be a number ≥ 0 and < 1';
  }
  return undefined;
}

export const BATCH_MIN = 8;
export const READ_EVERY_MAX = 100;
export const BATCH_MAX = 512;

/** Returns one message per bad field; an empty object means valid. */
export function validateLive(p: Partial<LiveHyperparams>): FieldErrors {
  const errors: FieldErrors = {};
  if ('gLearningRate' in p) {
    const e = checkRate(p.gLearningRate);
    if (e) errors.gLearningRate = e;
  }
  if ('dLearningRate' in p) {
    const e = checkRate(p.dLearningRate);
    if (e) errors.dLearningRate = e;
  }
  if ('beta1' in p) {
    const e = checkBeta(p.beta1);
    if (e) errors.beta1 = e;
  }
  if ('dSteps' in p && (!Number.isInteger(p.dSteps) || (p.dSteps as number) < 1 || (p.dSteps as number) > D_STEPS_MAX)) {
    errors.dSteps = `must be a whole number of D steps per G step, 1 to ${D_STEPS_MAX}`;
  }
  if ('labelSmoothing' in p) {
    const v = p.labelSmoothing;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > SMOOTHING_MAX) errors.labelSmoothing = `must be a number from 0 (off) to ${SMOOTHING_MAX} (real target ${1 - SMOOTHING_MAX})`;
  }
  return errors;
}

export function validateConfig(c: RunConfig): FieldErrors {
  const errors = validateLive(c);
  const b = c.batchSize;
  if (!Number.isInteger(b) || b < BATCH_MIN || b > BATCH_MAX) {
    errors.batchSize = `must be a whole number from ${BATCH_MIN} to ${BATCH_MAX}`;
  }
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 2 ** 31 - 1) {
    errors.seed = 'must be a whole number from 0 to 2147483647';
  }
  if (!['mlp', 'dcgan', 'dcgan-seed'].includes(c.model)) errors.model = 'unknown model';
  if (!['mnist', 'fashion', 'custom'].includes(c.dataset)) errors.dataset = 'must be mnist, fashion or custom';
  if (!Object.hasOwn(LOSSES, c.loss)) errors.loss = `must be one of ${Object.keys(LOSSES).join(', ')}`;
  if (typeof c.conditional !== 'boolean') errors.conditional = 'must be true or false';
  else if (c.conditional && c.model === 'dcgan-seed') errors.conditional = 'is available for the MLP and DCGAN models, not DCGAN (seed)';
  else if (c.conditional && c.dataset === 'custom') errors.conditional = 'needs classes, and your own images have none';
  const n = c.instanceNoise;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > INSTANCE_NOISE_MAX) errors.instanceNoise = `must be a noise std from 0 (off) to ${INSTANCE_NOISE_MAX}`;
  if (c.readEvery !== undefined && (!Number.isInteger(c.readEvery) || c.readEvery < 1 || c.readEvery > READ_EVERY_MAX)) {
    errors.readEvery = `must be a whole number from 1 to ${READ_EVERY_MAX}`;
  }
  return errors;
}

export function describeErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}
