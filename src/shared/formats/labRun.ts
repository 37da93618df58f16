import { strFromU8, strToU8, zipSync } from 'fflate';
import type { Lab2dConfig, Lab2dLayers, Lab2dStats } from '../lab2dProtocol';
import type { RngState } from '../rng';
import { unzipWithin } from '../limits/zipLimits';
import { MAX_DRAWN_POINTS } from '../lab2dData';
import { METRIC_FIELDS } from '../metricHistory';
import { messageOf } from '../errors';

// A 2D lab run as one zip: lab.json (settings, positions, counters) and arrays.bin (every
// weight, Adam moment and chart row as float64, so a loaded run continues bit for bit).

export const LAB_RUN_VERSION = 1;
export const LAB_RUN_SUFFIX = '.ganvas-lab.zip';

/** A file that is not a 2D lab run this version can continue; the message says why. */
export class LabRunError extends Error {
  override name = 'LabRunError';
}

/** Where one array lies in arrays.bin, in float64 elements. */
export interface Slice {
  offset: number;
  length: number;
}

export interface LabState {
  step: number;
  rng: RngState;
  /** D's last loss and verdicts, which the chart's next point repeats until D trains again. */
  last: { dLoss: number; dReal: number; dFake: number };
  gT: number;
  dT: number;
  stats: Lab2dStats[];
}

export interface LabRunMeta {
  app: 'ganvas';
  kind: 'lab2d-run';
  version: typeof LAB_RUN_VERSION;
  savedAt: string;
  configs: Lab2dConfig[];
  drawn: number[];
  layers: Lab2dLayers;
  labs: (LabState & { arrays: Record<LabArray, Slice> })[];
}

export const LAB_ARRAYS = ['g', 'd', 'gM', 'gV', 'dM', 'dV', 'history'] as const;
export type LabArray = (typeof LAB_ARRAYS)[number];

/** One lab's state with its arrays: weights, Adam moments, and the chart's rows (METRIC_FIELDS per point). */
export type LabRecord = LabState & { arrays: Record<LabArray, Float64Array> };

const CAPS = { 'lab.json': 16 * 2 ** 20, 'arrays.bin': 256 * 2 ** 20 };
const fail = (message: string): never => {
  throw new LabRunError(`This is not a 2D lab run ganvas can open: ${message}.`);
};

export function packLabRun(meta: Omit<LabRunMeta, 'app' | 'kind' | 'version' | 'labs'>, labs: LabRecord[]): Uint8Array {
  let offset = 0;
  const parts: Float64Array[] = [];
  const described = labs.map(({ arrays, ...state }) => {
    const slices = {} as Record<LabArray, Slice>;
    for (const name of LAB_ARRAYS) {
      slices[name] = { offset, length: arrays[name].length };
      offset += arrays[name].length;
      parts.push(arrays[name]);
    }
    return { ...state, arrays: slices };
  });
  const bin = new Float64Array(offset);
  let at = 0;
  for (const p of parts) {
    bin.set(p, at);
    at += p.length;
  }
  const full: LabRunMeta = { app: 'ganvas', kind: 'lab2d-run', version: LAB_RUN_VERSION, ...meta, labs: described };
  return zipSync({ 'lab.json': strToU8(JSON.stringify(full)), 'arrays.bin': new Uint8Array(bin.buffer) });
}

/** The file's meta and each lab's arrays; throws LabRunError on anything that is not a run of ours (the settings are checked by the caller's rules). */
export function unpackLabRun(bytes: Uint8Array): { meta: LabRunMeta; labs: LabRecord[] } {
  const files = unzipWithin(bytes, CAPS, fail);
  if (!files['lab.json'] || !files['arrays.bin']) fail('it lacks lab.json or arrays.bin (a digits run opens in the Digits mode)');
  let meta: LabRunMeta;
  try {
    meta = JSON.parse(strFromU8(files['lab.json'])) as LabRunMeta;
  } catch (e) {
    return fail(`lab.json is not JSON (${messageOf(e)})`);
  }
  if (meta?.app !== 'ganvas' || meta.kind !== 'lab2d-run') fail('lab.json does not say it is a ganvas 2D lab run');
  if (meta.version !== LAB_RUN_VERSION) fail(`it is format version ${String(meta.version)}, this ganvas reads ${LAB_RUN_VERSION}`);
  if (!Array.isArray(meta.configs) || !Array.isArray(meta.labs) || meta.labs.length !== meta.configs.length || meta.labs.length < 1 || meta.labs.length > 2)
    fail('it must hold one or two setups, each with its state');
  if (!Array.isArray(meta.drawn) || meta.drawn.length > 2 * MAX_DRAWN_POINTS || !meta.drawn.every(Number.isFinite))
    fail('its painted points are not a list of numbers');
  const raw = files['arrays.bin'];
  if (raw.length % 8) fail('arrays.bin is not whole float64 numbers');
  const bin = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  const labs = meta.labs.map((lab, i) => {
    if (!Number.isInteger(lab?.step) || lab.step < 0 || !Number.isInteger(lab.gT) || !Number.isInteger(lab.dT))
      fail(`setup ${i + 1}'s step or optimizer counters are not whole numbers`);
    if (typeof lab.rng?.state !== 'number' || !Array.isArray(lab.stats)) fail(`setup ${i + 1}'s random stream or measurements are missing`);
    const arrays = {} as Record<LabArray, Float64Array>;
    for (const name of LAB_ARRAYS) {
      const s = lab.arrays?.[name];
      if (!s || !Number.isInteger(s.offset) || !Number.isInteger(s.length) || s.offset < 0 || s.length < 0 || s.offset + s.length > bin.length)
        fail(`setup ${i + 1}'s ${name} lies outside arrays.bin`);
      arrays[name] = bin.slice(s.offset, s.offset + s.length);
      if (!arrays[name].every(Number.isFinite)) fail(`setup ${i + 1}'s ${name} holds a NaN or an infinity`);
    }
    if (arrays.history.length % METRIC_FIELDS.length) fail(`setup ${i + 1}'s chart rows are not whole points`);
    return { ...lab, arrays };
  });
  return { meta, labs };
}

export const labRunFileName = (step: number) => `ganvas-2d-lab-step${step}${LAB_RUN_SUFFIX}`;
