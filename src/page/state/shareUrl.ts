import { parseRunConfig } from '../../shared/commands';
import { defaultConfig, validateConfig } from '../../shared/hyperparams';
import type { BackendName, LiveHyperparams, ModelKind, RunConfig, TaskName } from '../../shared/protocol';
import { RUN_KEYS, ruleError, SETTINGS } from '../../shared/settings';
import { TASK_DEFAULTS } from '../../shared/tasks';
import { messageOf } from '../../shared/errors';

/**
 * A run's whole setup in the URL query, one parameter per setting under its
 * URL name from the settings table (model, dataset, batchSize, seed,
 * gLearningRate, ...). The flags (?backend=, ?k=) and others (?faults) are
 * left as they are.
 */

type Setup = Record<string, unknown>;

/** The flags the page starts with: a forced backend and a fixed read-back interval (the worker checks both). */
export function readFlags(query: string): Pick<RunConfig, 'backend' | 'readEvery'> {
  const params = new URLSearchParams(query);
  const backend = params.get(SETTINGS.backend.url) as BackendName | null;
  const k = params.get(SETTINGS.readEvery.url);
  return { ...(backend ? { backend } : {}), ...(k !== null ? { readEvery: Number(k) } : {}) };
}

function coerce(text: string, like: unknown): unknown {
  if (typeof like === 'number') return text.trim() === '' ? NaN : Number(text);
  if (typeof like === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** Why a config is refused, for one field: the command check (kinds, types), then the range check. */
function problemWith(candidate: RunConfig, key: keyof RunConfig): string | undefined {
  try {
    parseRunConfig(candidate, 'link');
  } catch (e) {
    return messageOf(e).replace(/^link\.\w+ /, '');
  }
  return validateConfig(candidate)[key];
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
  if (!RUN_KEYS.some((k) => params.has(SETTINGS[k].url))) return { config: null, problems: [] };
  const problems: string[] = [];
  const refuse = (key: string, text: string, why: string, used: unknown) => problems.push(`${key}=${JSON.stringify(text)} ${why}; using ${String(used)}`);
  let config = defaultConfig('mlp');
  const model = params.get(SETTINGS.model.url);
  if (model !== null) {
    const why = problemWith({ ...config, model: model as ModelKind }, 'model');
    if (why) refuse(SETTINGS.model.url, model, why, config.model);
    else config = defaultConfig(model as ModelKind);
  }
  // A task starts from its own defaults (rates, batch size, data), as picking it in the page does.
  const task = params.get(SETTINGS.task.url);
  if (task !== null) {
    const why = ruleError(SETTINGS.task.rule, task);
    if (why) refuse(SETTINGS.task.url, task, why, config.task);
    else config = { ...config, ...TASK_DEFAULTS[task as TaskName], task: task as TaskName };
  }
  for (const key of RUN_KEYS) {
    const name = SETTINGS[key].url;
    const text = params.get(name);
    if (key === 'model' || key === 'task' || text === null) continue;
    const current = (config as unknown as Setup)[key];
    const candidate = { ...config, [key]: coerce(text, current) } as RunConfig;
    const why =
      key === 'dataset' && text === 'custom' ? 'cannot travel in a link (drop your images again, then pick “Your images”)' : problemWith(candidate, key);
    if (why) refuse(name, text, why, current);
    else config = candidate;
  }
  return { config, problems };
}

/** The query for a setup: the run's config with the live values in force, other parameters kept. */
export function writeSetup(config: RunConfig, live: LiveHyperparams, query: string): string {
  const params = new URLSearchParams(query);
  const setup = { ...config, ...live } as unknown as Setup;
  for (const key of RUN_KEYS) params.set(SETTINGS[key].url, String(setup[key]));
  return `?${params.toString()}`;
}
