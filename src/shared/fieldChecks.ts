import { NUM_CLASSES } from './settings';
import { ruleError, SEED, type ChoiceRule } from './settingRules';

/**
 * The field checks every command check is made of (commands.ts,
 * runConfig.ts): each throws CommandError naming the field and what it got.
 */

/** A message that is not a Command; the worker answers it with an error event and changes nothing. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function fail(message: string): never {
  throw new CommandError(message);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `'${v.slice(0, 40)}'`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function onlyKeys(o: Obj, allowed: Readonly<Record<string, unknown>>, what: string): void {
  const extra = Object.keys(o).filter((k) => !Object.hasOwn(allowed, k));
  if (extra.length) fail(`${what}: unknown field${extra.length > 1 ? 's' : ''} ${extra.slice(0, 5).join(', ')}`);
}

export function number(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number') fail(`${what}.${key} must be a number, got ${describe(v)}`);
  return v;
}

/** One of `allowed`'s keys: a choice setting's labels, or a plain set of names. */
export function oneOf<T extends string>(o: Obj, key: string, allowed: Readonly<Record<T, unknown>>, what: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !Object.hasOwn(allowed, v)) fail(`${what}.${key} must be one of ${Object.keys(allowed).join(', ')}, got ${describe(v)}`);
  return v as T;
}

/** A choice setting's value, checked against the table's labels. */
export const choiceOf = <T extends string>(o: Obj, key: string, rule: ChoiceRule, what: string): T => oneOf(o, key, rule.labels as Record<T, string>, what);

/** A seed, by the same rule as the Seed setting. */
export function seedOf(o: Obj, key: string, what: string): number {
  const seed = number(o, key, what);
  const bad = ruleError(SEED, seed);
  if (bad) fail(`${what}.${key} ${bad}, got ${seed}`);
  return seed;
}

/** A class a conditional G can ask for: 0 to NUM_CLASSES - 1. */
export const isClass = (c: unknown): c is number => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < NUM_CLASSES;
