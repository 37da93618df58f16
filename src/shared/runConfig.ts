import type { LossKind, RunConfig } from './protocol';
import { choiceOf, describe, fail, isObject, number, onlyKeys, type Obj } from './fieldChecks';
import { SETTINGS, type SettingKey } from './settings';

const KEYS = Object.keys(SETTINGS) as SettingKey[];

/** One field by its setting's rule: shapes only (a choice is one of the table's, a number is a number). */
function field(v: Obj, key: SettingKey, what: string): unknown {
  const rule = SETTINGS[key].rule;
  if (rule.kind === 'choice') return choiceOf(v, key, rule, what);
  if (rule.kind === 'number') return number(v, key, what);
  if (typeof v[key] !== 'boolean') fail(`${what}.${key} must be a boolean, got ${describe(v[key])}`);
  return v[key];
}

/**
 * A run's config, every field by the settings table. Shapes only: ranges
 * (rates in (0, 1], batch 8..512, ...) are validateConfig's job, with
 * per-field messages. A field added after the first run files may be absent
 * (run files saved before it): it reads as its initial value (plain BCE,
 * unconditional, 1:1, generating from noise); a URL flag absent stays absent.
 */
export function parseRunConfig(v: unknown, what: string): RunConfig {
  if (!isObject(v)) fail(`${what} must be an object, got ${describe(v)}`);
  onlyKeys(v, SETTINGS, what);
  // The loss first: the fallbacks (D steps) depend on it.
  const loss = (v.loss === undefined ? SETTINGS.loss.initial?.('mlp', 'bce') : field(v, 'loss', what)) as LossKind;
  if (v.conditional !== undefined) field(v, 'conditional', what);
  const config: Partial<Record<SettingKey, unknown>> = {};
  for (const key of KEYS) {
    const s = SETTINGS[key];
    if (v[key] !== undefined) config[key] = key === 'loss' ? loss : field(v, key, what);
    else if (s.addedLater) config[key] = s.initial?.('mlp', loss);
    else if (s.applies !== 'start') field(v, key, what);
  }
  return config as RunConfig;
}
