import type { LiveHyperparams, ModelKind, RunConfig } from './protocol';
import { ruleError, RUN_KEYS, SETTINGS, settingKeys, type SettingKey } from './settings';

/** A model's defaults, from the settings table (the loss starts as BCE). */
export function defaultConfig(model: ModelKind): RunConfig {
  const config: Partial<Record<SettingKey, unknown>> = {};
  for (const key of RUN_KEYS) config[key] = SETTINGS[key].initial?.(model, 'bce');
  return config as RunConfig;
}

/** The live part of a config: what a run starts with. */
export function liveOf(c: RunConfig): LiveHyperparams {
  const { gLearningRate, dLearningRate, beta1, dSteps, labelSmoothing, l1Weight, cycleWeight } = c;
  return { gLearningRate, dLearningRate, beta1, dSteps, labelSmoothing, l1Weight, cycleWeight };
}

export type FieldErrors = Partial<Record<keyof RunConfig, string>>;

const LIVE_KEYS = settingKeys('live') as (keyof LiveHyperparams)[];

function check(errors: FieldErrors, key: SettingKey, v: unknown): void {
  const e = ruleError(SETTINGS[key].rule, v);
  if (e) errors[key] = e;
}

/** Returns one message per bad field (of those given); an empty object means valid. */
export function validateLive(p: Partial<LiveHyperparams>): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of LIVE_KEYS) if (key in p) check(errors, key, p[key]);
  return errors;
}

export function validateConfig(c: RunConfig): FieldErrors {
  const errors = validateLive(c);
  for (const key of settingKeys('reset')) check(errors, key, c[key]);
  if (!errors.conditional && c.conditional && c.model === 'dcgan-seed') errors.conditional = 'is available for the MLP, DCGAN and DCGAN-lite, not DCGAN (seed)';
  else if (!errors.conditional && c.conditional && c.dataset === 'custom') errors.conditional = 'needs classes, and your own images have none';
  if (!errors.conditional && c.conditional && c.task !== 'generate') errors.conditional = 'is for generating from noise; this task has no classes to ask for';
  if (!errors.dataset && c.task === 'transfer' && c.dataset === 'mnist')
    errors.dataset = 'is the other side of a transfer from MNIST digits: pick Fashion-MNIST or your own images';
  if (c.readEvery !== undefined) check(errors, 'readEvery', c.readEvery);
  return errors;
}

export function describeErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}
