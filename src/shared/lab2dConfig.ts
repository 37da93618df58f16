import { LAB2D_LIVE_KEYS, type Lab2dCommand, type Lab2dConfig, type Lab2dLive, type Lab2dStats } from './lab2dProtocol';
import { MAX_DRAWN_POINTS, MIN_DRAWN_POINTS } from './lab2dData';
import { LAB2D_SETTINGS, lab2dDefaults, ruleError } from './settings';

/** What is wrong with a 2D setup, per field (empty when it is fine): the table's rules. */
export function lab2dProblems(c: Record<string, unknown>): Partial<Record<keyof Lab2dConfig, string>> {
  const out: Partial<Record<keyof Lab2dConfig, string>> = {};
  for (const [k, s] of Object.entries(LAB2D_SETTINGS) as [keyof Lab2dConfig, (typeof LAB2D_SETTINGS)[keyof Lab2dConfig]][]) {
    const e = ruleError(s.rule, c[k]);
    if (e) out[k] = e;
  }
  return out;
}

export function checkConfig(raw: unknown): Lab2dConfig {
  if (typeof raw !== 'object' || raw === null) throw new Error('a 2D setup must be an object');
  const problems = Object.entries(lab2dProblems(raw as Record<string, unknown>));
  if (problems.length) throw new Error(problems.map(([k, m]) => `${k} ${m}`).join('; '));
  return { ...lab2dDefaults(), ...(raw as Lab2dConfig) };
}

function checkLive(raw: unknown): Partial<Lab2dLive> {
  const params = (raw ?? {}) as Record<string, unknown>;
  const out: Partial<Lab2dLive> = {};
  for (const k of LAB2D_LIVE_KEYS) {
    if (!(k in params)) continue;
    const e = ruleError(LAB2D_SETTINGS[k].rule, params[k]);
    if (e) throw new Error(`${k} ${e}`);
    out[k] = params[k] as number;
  }
  return out;
}

/** Checks a message to the 2D lab worker field by field; throws with what is wrong. */
export function parseLab2dCommand(raw: unknown): Lab2dCommand {
  const m = raw as Record<string, unknown>;
  switch (m?.type) {
    case 'reset': {
      const configs = Array.isArray(m.configs) ? m.configs.map(checkConfig) : [];
      if (configs.length < 1 || configs.length > 2) throw new Error('reset needs one or two setups');
      const drawn = Array.isArray(m.drawn) ? m.drawn.filter((v): v is number => Number.isFinite(v)) : [];
      if (configs.some((c) => c.data === 'custom') && drawn.length / 2 < MIN_DRAWN_POINTS) throw new Error(tooFewPoints(drawn.length / 2));
      return { type: 'reset', configs, drawn: drawn.slice(0, 2 * MAX_DRAWN_POINTS) };
    }
    case 'run':
      return { type: 'run', running: m.running === true };
    case 'step':
      if (m.what !== 'both' && m.what !== 'd' && m.what !== 'g' && m.what !== 'phase') throw new Error('step must be both, d, g or phase');
      return { type: 'step', what: m.what };
    case 'live':
      if (m.index !== 0 && m.index !== 1) throw new Error('live needs index 0 or 1');
      return { type: 'live', index: m.index, params: checkLive(m.params) };
    case 'layers': {
      const l = (m.layers ?? {}) as Record<string, unknown>;
      return { type: 'layers', layers: { real: l.real !== false, fake: l.fake !== false, heatmap: l.heatmap !== false, mesh: l.mesh !== false, arrows: l.arrows !== false } };
    }
    case 'exportRun': {
      const histories = Array.isArray(m.histories) ? m.histories : [];
      if (histories.length > 2 || !histories.every((h) => h instanceof Float64Array)) throw new Error('exportRun needs up to two charts as Float64Arrays');
      const stats = Array.isArray(m.stats) ? m.stats.filter(Array.isArray) : [];
      return { type: 'exportRun', histories, stats: stats as Lab2dStats[][], purpose: m.purpose === 'autosave' ? 'autosave' : 'download' };
    }
    case 'openRun':
      if (!(m.bytes instanceof Uint8Array)) throw new Error('openRun needs the file as a Uint8Array');
      return { type: 'openRun', bytes: m.bytes };
    default:
      throw new Error(`unknown 2D lab command ${String(m?.type)}`);
  }
}

export const tooFewPoints = (n: number) => `Draw at least ${MIN_DRAWN_POINTS} points (you have ${n}); your drawing is kept.`;
