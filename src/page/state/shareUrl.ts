import { parseRunConfig } from '../../shared/commands';
import { defaultConfig, validateConfig } from '../../shared/hyperparams';
import type { LiveHyperparams, ModelKind, RunConfig } from '../../shared/protocol';

/**
 * A run's whole setup in the URL query, one parameter per setting under its
 * own name (model, dataset, batchSize, seed, gLearningRate, dLearningRate,
 * beta1, and any setting added to the defaults later). Other parameters
 * (?backend=, ?k=, ?faults) are left as they are.
 */

type Setup = Record<string, unknown>;

/** The settings a link carries: every field of the defaults (forced backend and read-back interval have their own flags). */
function setupKeys(model: ModelKind): string[] {
  return Object.keys(defaultConfig(model));
}

function coerce(text: string, like: unknown): unknown {
  if (typeof like === 'number') return text.trim() === '' ? NaN : Number(text);
  if (typeof like === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** Why a config is refused, for one field: the command check (kinds, types), then the range check. */
function problemWith(candidate: RunConfig, key: string): string | undefined {
  try {
    parseRunConfig(candidate, 'link');
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^link\.\w+ /, '') : String(e);
  }
  return validateConfig(candidate)[key as keyof RunConfig];
}

export interface LinkSetup {
  /** Null when the link names no setting (the app then picks the model for the machine). */
  config: RunConfig | null;
  /** One line per refused setting, saying what was used instead. */
  problems: string[];
}

/** Reads the setup from a query string, field by field: a bad value falls back to its default and says so. */
export function readSetup(query: string): LinkSetup {
  const params = new URLSearchParams(query);
  if (!setupKeys('mlp').some((k) => params.has(k))) return { config: null, problems: [] };
  const problems: string[] = [];
  const refuse = (key: string, text: string, why: string, used: unknown) => problems.push(`${key}=${JSON.stringify(text)} ${why}; using ${String(used)}`);
  let config = defaultConfig('mlp');
  const model = params.get('model');
  if (model !== null) {
    const why = problemWith({ ...config, model: model as ModelKind }, 'model');
    if (why) refuse('model', model, why, config.model);
    else config = defaultConfig(model as ModelKind);
  }
  for (const key of setupKeys(config.model)) {
    const text = params.get(key);
    if (key === 'model' || text === null) continue;
    const current = (config as unknown as Setup)[key];
    const candidate = { ...config, [key]: coerce(text, current) } as RunConfig;
    const why = key === 'dataset' && text === 'custom' ? 'cannot travel in a link (drop your images again, then pick “Your images”)' : problemWith(candidate, key);
    if (why) refuse(key, text, why, current);
    else config = candidate;
  }
  return { config, problems };
}

/** The query for a setup: the run's config with the live values in force, other parameters kept. */
export function writeSetup(config: RunConfig, live: LiveHyperparams, query: string): string {
  const params = new URLSearchParams(query);
  const setup = { ...config, ...live } as unknown as Setup;
  for (const key of setupKeys(config.model)) params.set(key, String(setup[key]));
  return `?${params.toString()}`;
}
