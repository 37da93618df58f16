import { defaultConfig, validateConfig } from '../../shared/hyperparams';
import { PRESETS, type PresetId } from '../../shared/presets';
import type { LiveHyperparams, RunConfig } from '../../shared/protocol';
import { defaultDSteps, settingKeys } from '../../shared/settings';
import { whyNoClasses } from '../../shared/conditional';
import { TASK_DEFAULTS, TASKS } from '../../shared/tasks';

type ResetKey = 'task' | 'upscale' | 'model' | 'dataset' | 'seed' | 'batchSize' | 'loss' | 'conditional' | 'instanceNoise';

/** Settings that apply on the next Reset (the table's 'reset' ones); `preset` is the preset whose settings the Reset applies (null: the fields as set). */
export type Draft = Pick<RunConfig, ResetKey> & { preset: PresetId | null };

const RESET_KEYS = settingKeys('reset') as ResetKey[];

/** The draft a run's config shows: its on-reset settings, and the preset still chosen. */
export function draftOf(config: RunConfig, preset: PresetId | null): Draft {
  return { ...(Object.fromEntries(RESET_KEYS.map((k) => [k, config[k]])) as Pick<RunConfig, ResetKey>), preset };
}

/**
 * The config a Reset builds from the draft, or null when it is not valid:
 * the live values carry over while the model (and D steps while the loss)
 * stays the same; a preset overrides both.
 */
export function configForReset(d: Draft, config: RunConfig, live: LiveHyperparams | null, next: Partial<RunConfig> = {}): RunConfig | null {
  const task = next.task ?? d.task;
  // Another task starts from its own defaults (rates, batch size, its data).
  if (task !== config.task) {
    const c: RunConfig = {
      ...defaultConfig(d.model),
      seed: d.seed,
      upscale: d.upscale,
      ...TASK_DEFAULTS[task],
      backend: config.backend,
      readEvery: config.readEvery,
      ...next,
      task,
    };
    return Object.keys(validateConfig(c)).length ? null : c;
  }
  const m = next.model ?? d.model;
  const lossNow = next.loss ?? d.loss;
  const knobs = m === config.model && live ? live : defaultConfig(m);
  const dSteps = lossNow === config.loss && live ? live.dSteps : defaultDSteps(lossNow);
  const chosen = {
    ...knobs,
    dSteps,
    loss: lossNow,
    conditional: d.conditional,
    instanceNoise: d.instanceNoise,
  };
  const settings = d.preset ? PRESETS[d.preset].settings : chosen;
  const c: RunConfig = {
    ...defaultConfig(m),
    ...settings,
    ...(TASKS[task].fromNoise ? {} : live),
    task,
    upscale: d.upscale,
    dataset: d.dataset,
    seed: d.seed,
    batchSize: d.batchSize,
    backend: config.backend,
    readEvery: config.readEvery,
    ...next,
    model: m,
  };
  // A ticked Conditional the new setup cannot have (no classes) is dropped, not refused.
  if (c.conditional && whyNoClasses(c)) c.conditional = false;
  return Object.keys(validateConfig(c)).length ? null : c;
}

/** A preset fills in the draft's settings it covers (the live ones apply on Reset, from the preset). */
export function pickPreset(d: Draft, id: PresetId | ''): Draft {
  if (!id) return { ...d, preset: null };
  const { model, loss, conditional, instanceNoise } = PRESETS[id].settings;
  return { ...d, preset: id, model, loss, conditional, instanceNoise };
}
