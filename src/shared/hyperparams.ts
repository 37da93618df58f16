import type { LiveHyperparams, ModelKind, RunConfig } from './protocol';
import { whyNoClasses } from './conditional';
import { ruleError, RUN_KEYS, SETTINGS, settingKeys, type SettingKey } from './settings';
import { dataRefusal } from './tasks';

/** A model's defaults, from the settings table (the loss starts as BCE). */
export function defaultConfig(model: ModelKind): RunConfig {
  const config: Partial<Record<SettingKey, unknown>> = {};
  for (const key of RUN_KEYS) config[key] = SETTINGS[key].initial?.(model, 'bce');
  return config as RunConfig;
}

const LIVE_KEYS = settingKeys('live') as (keyof LiveHyperparams)[];

/** The live part of a config (the table's live settings): what a run starts with. */
export function liveOf(c: RunConfig): LiveHyperparams {
  return Object.fromEntries(LIVE_KEYS.map((k) => [k, c[k]])) as unknown as LiveHyperparams;
}

export type FieldErrors = Partial<Record<keyof RunConfig, string>>;

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
  const noClasses = c.conditional && !errors.conditional ? whyNoClasses(c) : undefined;
  if (noClasses) errors.conditional = noClasses.problem;
  const refused = errors.dataset ? undefined : dataRefusal(c.task, c.dataset);
  if (refused) errors.dataset = refused.problem;
  if (c.readEvery !== undefined) check(errors, 'readEvery', c.readEvery);
  return errors;
}

export function describeErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}
