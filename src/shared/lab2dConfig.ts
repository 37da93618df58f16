import { LAB2D_LIVE_KEYS, type Lab2dCommand, type Lab2dConfig, type Lab2dLayers, type Lab2dLive } from './lab2dProtocol';
import { MAX_DRAWN_POINTS, MIN_DRAWN_POINTS } from './lab2dData';
import { LAB2D_LAYERS, LAB2D_SETTINGS } from './lab2dSettings';
import { ruleError } from './settingRules';

/** What is wrong with a 2D setup, per field (empty when it is fine): the table's rules. */
export function lab2dProblems(c: Record<string, unknown>): Partial<Record<keyof Lab2dConfig, string>> {
  const out: Partial<Record<keyof Lab2dConfig, string>> = {};
  for (const [k, s] of Object.entries(LAB2D_SETTINGS) as [keyof Lab2dConfig, (typeof LAB2D_SETTINGS)[keyof Lab2dConfig]][]) {
    const e = ruleError(s.rule, c[k]);
    if (e) out[k] = e;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `what` as an object with no field outside `allowed`: a field the lab does not know is refused, not carried along. */
function fields(v: unknown, allowed: readonly string[], what: string): Record<string, unknown> {
  if (!isRecord(v)) throw new Error(`${what} must be an object`);
  const extra = Object.keys(v).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw new Error(`${what}: unknown field ${extra}`);
  return v;
}

const CONFIG_KEYS = Object.keys(LAB2D_SETTINGS) as (keyof Lab2dConfig)[];

/** A 2D setup with every field by the table's rules and no other field; throws with what is wrong. */
export function checkConfig(raw: unknown, what = 'a 2D setup'): Lab2dConfig {
  const c = fields(raw, CONFIG_KEYS, what);
  const problems = Object.entries(lab2dProblems(c));
  if (problems.length) throw new Error(problems.map(([k, m]) => `${k} ${m}`).join('; '));
  return Object.fromEntries(CONFIG_KEYS.map((k) => [k, c[k]])) as unknown as Lab2dConfig;
}

function checkLive(raw: unknown): Partial<Lab2dLive> {
  const params = fields(raw, LAB2D_LIVE_KEYS, 'live.params');
  const out: Partial<Lab2dLive> = {};
  for (const k of LAB2D_LIVE_KEYS) {
    if (!(k in params)) continue;
    const e = ruleError(LAB2D_SETTINGS[k].rule, params[k]);
    if (e) throw new Error(`${k} ${e}`);
    out[k] = params[k] as number;
  }
  return out;
}

const LAYER_KEYS = Object.keys(LAB2D_LAYERS) as (keyof Lab2dLayers)[];

function checkLayers(raw: unknown): Lab2dLayers {
  const l = fields(raw, LAYER_KEYS, 'layers.layers');
  const bad = LAYER_KEYS.find((k) => typeof l[k] !== 'boolean');
  if (bad) throw new Error(`layers.layers.${bad} must be true or false`);
  return Object.fromEntries(LAYER_KEYS.map((k) => [k, l[k]])) as unknown as Lab2dLayers;
}

function checkDrawn(raw: unknown): number[] {
  if (!Array.isArray(raw) || raw.length % 2 || !raw.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new Error('reset.drawn must be a list of finite numbers, x and y in pairs');
  return (raw as number[]).slice(0, 2 * MAX_DRAWN_POINTS);
}

/** The fields each command has (besides `type`); any other field is refused. */
const COMMAND_FIELDS: Record<Lab2dCommand['type'], readonly string[]> = {
  reset: ['configs', 'drawn'],
  run: ['running'],
  step: ['what'],
  live: ['index', 'params'],
  layers: ['layers'],
  exportRun: [],
  openRun: ['bytes'],
  readState: [],
};

/** Checks a message to the 2D lab worker, every field of it; throws with what is wrong. */
export function parseLab2dCommand(raw: unknown): Lab2dCommand {
  if (!isRecord(raw)) throw new Error(`a 2D lab command must be an object, got ${Array.isArray(raw) ? 'an array' : String(raw)}`);
  const type = raw.type;
  if (typeof type !== 'string' || !Object.hasOwn(COMMAND_FIELDS, type)) throw new Error(`unknown 2D lab command ${String(type)}`);
  const m = fields(raw, ['type', ...COMMAND_FIELDS[type as Lab2dCommand['type']]], type);
  switch (type as Lab2dCommand['type']) {
    case 'reset': {
      if (!Array.isArray(m.configs) || m.configs.length < 1 || m.configs.length > 2) throw new Error('reset needs one or two setups');
      const configs = m.configs.map((c, i) => checkConfig(c, `reset.configs[${i}]`));
      const drawn = checkDrawn(m.drawn);
      if (configs.some((c) => c.data === 'custom') && drawn.length / 2 < MIN_DRAWN_POINTS) throw new Error(tooFewPoints(drawn.length / 2));
      return { type: 'reset', configs, drawn };
    }
    case 'run':
      if (typeof m.running !== 'boolean') throw new Error('run.running must be true or false');
      return { type: 'run', running: m.running };
    case 'step':
      if (m.what !== 'both' && m.what !== 'd' && m.what !== 'g' && m.what !== 'phase') throw new Error('step must be both, d, g or phase');
      return { type: 'step', what: m.what };
    case 'live':
      if (m.index !== 0 && m.index !== 1) throw new Error('live needs index 0 or 1');
      return { type: 'live', index: m.index, params: checkLive(m.params) };
    case 'layers':
      return { type: 'layers', layers: checkLayers(m.layers) };
    case 'exportRun':
      return { type: 'exportRun' };
    case 'openRun':
      if (!(m.bytes instanceof Uint8Array)) throw new Error('openRun needs the file as a Uint8Array');
      return { type: 'openRun', bytes: m.bytes };
    case 'readState':
      return { type: 'readState' };
  }
}

export const tooFewPoints = (n: number) => `Draw at least ${MIN_DRAWN_POINTS} points (you have ${n}); your drawing is kept.`;
