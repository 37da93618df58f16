/**
 * What a setting accepts, as data: the settings tables (settings.ts,
 * lab2dSettings.ts) and the command checks share these rules, so a range or
 * a list of choices is written once.
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

/** A choice among `labels`' keys; the message lists them unless a shorter one is given. */
export const choice = (labels: Readonly<Record<string, string>>, message = `must be one of ${Object.keys(labels).join(', ')}`): ChoiceRule => ({
  kind: 'choice',
  labels,
  message,
});

/** A whole number from min to max, counting `what`. */
export const count = (min: number, max: number, what: string): NumberRule => ({
  kind: 'number',
  min,
  max,
  integer: true,
  message: `must be a whole number of ${what} from ${min} to ${max}`,
});

/** Every seed (a run's, a sample's, a latent's) is a non-negative int32: the seeded generators take it as is. */
export const SEED_MAX = 2 ** 31 - 1;
export const SEED: NumberRule = { kind: 'number', min: 0, max: SEED_MAX, integer: true, message: `must be a whole number from 0 to ${SEED_MAX}` };

/** A learning rate, digits' and the lab's alike. */
export const RATE: NumberRule = { kind: 'number', min: 0, max: 1, minOpen: true, message: 'must be a number > 0 and ≤ 1' };

/** D steps per G step, digits' and the lab's alike. */
export const D_STEPS_MAX = 10;

/** The smallest batch either mode trains on. */
export const BATCH_MIN = 8;
