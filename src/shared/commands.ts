import type { Command, FaultKind, GeneratorSourceName, LatentRequest, LiveHyperparams } from './protocol';
import { describe, fail, isClass, isObject, number, oneOf, onlyKeys, seedOf, type Obj } from './fieldChecks';
import { checkSampleCount, INTERPOLATION_MAX_FRAMES, LATENT_SLIDERS, LATENT_VALUE_LIMIT } from './limits/viewLimits';
import { parseRunConfig } from './runConfig';
import { AUTOSAVE, NUM_CLASSES, settingKeys } from './settings';
import { ruleError } from './settingRules';
import { STUDY_ADDED, STUDY_REAL } from './study';
import { UPSCALE_FACTOR } from './tasks';

export { CommandError } from './fieldChecks';
export { parseRunConfig } from './runConfig';

// Records over the unions, so adding a member to the protocol fails to compile here until it is listed.
const FAULTS: Record<FaultKind, true> = { nan: true, loseBackend: true, dropKernel: true, crash: true, hang: true, stall: true };
const SOURCES: Record<GeneratorSourceName, true> = { live: true, opened: true };
const PATHS: Record<'linear' | 'slerp', true> = { linear: true, slerp: true };
const NO_ARGS = {
  start: true,
  pause: true,
  phaseStep: true,
  exportGenerator: true,
  exportRun: true,
  saveNow: true,
  closeGenerator: true,
  exportTimelapse: true,
  dispose: true,
  readState: true,
  measureQuality: true,
} as const;
/** Test hooks: a worker started without `?faults` refuses them. */
export const TEST_HOOKS = new Set<Command['type']>(['fault', 'readState', 'measureQuality']);
/** The settings the next step takes: the table's live ones. */
const LIVE_KEYS = Object.fromEntries(settingKeys('live').map((k) => [k, true]));
/** The side of a drawing sent to the sketch-to-digit generator. */
export const SKETCH_SIDE = 28;
/** What the upscaler takes: each low resolution (the image side over its factor), or a full-size image it shrinks. */
const UPSCALE_SIDES = [...Object.values(UPSCALE_FACTOR).map((f) => SKETCH_SIDE / f), SKETCH_SIDE];
/** Larger than any run or generator we accept (their own checks are tighter). */
export const MAX_FILE_BYTES = 1 << 30;

function file(o: Obj, what: string): ArrayBuffer {
  const b = o.bytes;
  if (!(b instanceof ArrayBuffer)) fail(`${what}.bytes must be an ArrayBuffer, got ${describe(b)}`);
  if (b.byteLength > MAX_FILE_BYTES) fail(`${what}: the file is ${(b.byteLength / 2 ** 20).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 2 ** 20} MB limit`);
  return b;
}

function text(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${what}.${key} must be a string, got ${describe(v)}`);
  return v.slice(0, 300);
}

/** More entries than any folder of images we take (MAX_IMAGES), with room for the files we skip. */
const MAX_LIST = 200_000;

function list<T>(o: Obj, key: string, what: string, item: (v: Obj, what: string) => T): T[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`${what}.${key} must be an array, got ${describe(v)}`);
  if (v.length > MAX_LIST) fail(`${what}.${key} has ${v.length} entries, over ${MAX_LIST}`);
  return v.map((e, i) => {
    if (!isObject(e)) fail(`${what}.${key}[${i}] must be an object, got ${describe(e)}`);
    return item(e, `${what}.${key}[${i}]`);
  });
}

/** Absent, or a class (whether the generator is conditional is checked where it is known). */
function classLabelOf(o: Obj, what: string): { classLabel?: number } {
  if (o.classLabel === undefined) return {};
  const c = number(o, 'classLabel', what);
  if (!isClass(c)) fail(`${what}.classLabel must be a whole number from 0 to ${NUM_CLASSES - 1}, got ${c}`);
  return { classLabel: c };
}

function latentRequest(v: unknown): LatentRequest {
  const what = 'renderLatent.request';
  if (!isObject(v)) fail(`${what} must be an object, got ${describe(v)}`);
  const source = oneOf(v, 'source', SOURCES, what);
  if (v.kind === 'interpolate') {
    onlyKeys(v, { kind: true, source: true, seedA: true, seedB: true, frames: true, path: true, classLabel: true }, what);
    const frames = number(v, 'frames', what);
    if (!Number.isInteger(frames) || frames < 2 || frames > INTERPOLATION_MAX_FRAMES)
      fail(`${what}.frames must be a whole number from 2 to ${INTERPOLATION_MAX_FRAMES}, got ${frames}`);
    return {
      kind: 'interpolate',
      source,
      seedA: seedOf(v, 'seedA', what),
      seedB: seedOf(v, 'seedB', what),
      frames,
      path: oneOf(v, 'path', PATHS, what),
      ...classLabelOf(v, what),
    };
  }
  if (v.kind === 'sliders') {
    onlyKeys(v, { kind: true, source: true, seed: true, values: true, classLabel: true }, what);
    const values = v.values;
    const ok = Array.isArray(values) && values.length <= LATENT_SLIDERS && values.every((x) => typeof x === 'number' && Math.abs(x) <= LATENT_VALUE_LIMIT);
    if (!ok) fail(`${what}.values must be at most ${LATENT_SLIDERS} numbers from -${LATENT_VALUE_LIMIT} to ${LATENT_VALUE_LIMIT}`);
    return { kind: 'sliders', source, seed: seedOf(v, 'seed', what), values: [...(values as number[])], ...classLabelOf(v, what) };
  }
  return fail(`${what}.kind must be one of interpolate, sliders, got ${describe(v.kind)}`);
}

/**
 * Checks that a message from the page is a Command, field by field, and
 * returns a clean copy (no extra fields ride along). Throws CommandError.
 */
export function parseCommand(raw: unknown): Command {
  if (!isObject(raw)) fail(`a command must be an object, got ${describe(raw)}`);
  const type = raw.type;
  if (typeof type !== 'string') fail(`a command needs a string 'type', got ${describe(type)}`);
  const what = `'${type.slice(0, 40)}'`;
  if (Object.hasOwn(NO_ARGS, type)) {
    onlyKeys(raw, { type: true }, what);
    return { type } as Command;
  }
  switch (type) {
    case 'init':
      onlyKeys(raw, { type: true, config: true, autoModel: true }, what);
      if (typeof raw.autoModel !== 'boolean') fail(`init.autoModel must be a boolean, got ${describe(raw.autoModel)}`);
      return { type, config: parseRunConfig(raw.config, 'init.config'), autoModel: raw.autoModel };
    case 'reset':
      onlyKeys(raw, { type: true, config: true }, what);
      return { type, config: parseRunConfig(raw.config, 'reset.config') };
    case 'step': {
      onlyKeys(raw, { type: true, n: true }, what);
      const n = number(raw, 'n', 'step');
      if (!Number.isInteger(n) || n < 1 || n > 1000) fail(`step.n must be a whole number from 1 to 1000, got ${n}`);
      return { type, n };
    }
    case 'setHyperparams': {
      onlyKeys(raw, { type: true, params: true }, what);
      const p = raw.params;
      if (!isObject(p)) fail(`setHyperparams.params must be an object, got ${describe(p)}`);
      onlyKeys(p, LIVE_KEYS, 'setHyperparams.params');
      const params: Partial<LiveHyperparams> = {};
      for (const key of Object.keys(p) as (keyof LiveHyperparams)[]) params[key] = number(p, key, 'setHyperparams.params');
      return { type, params };
    }
    case 'setAutosave': {
      onlyKeys(raw, { type: true, seconds: true }, what);
      const seconds = number(raw, 'seconds', 'setAutosave');
      const bad = ruleError(AUTOSAVE, seconds);
      if (bad) fail(`setAutosave.seconds ${bad}, got ${seconds}`);
      return { type, seconds };
    }
    case 'fault':
      onlyKeys(raw, { type: true, kind: true }, what);
      return { type, kind: oneOf(raw, 'kind', FAULTS, 'fault') };
    default:
      return parseDataCommand(raw, type, what);
  }
}

/** The commands that carry files (a run, a generator, your images). */
function parseFileCommand(raw: Obj, type: 'loadRun' | 'openGenerator' | 'loadImages', what: string): Command {
  switch (type) {
    case 'loadRun': {
      onlyKeys(raw, { type: true, bytes: true, resume: true }, what);
      if (typeof raw.resume !== 'boolean') fail(`loadRun.resume must be a boolean, got ${describe(raw.resume)}`);
      return { type, bytes: file(raw, what), resume: raw.resume };
    }
    case 'openGenerator': {
      onlyKeys(raw, { type: true, bytes: true, fileName: true }, what);
      if (typeof raw.fileName !== 'string') fail(`openGenerator.fileName must be a string, got ${describe(raw.fileName)}`);
      return { type, bytes: file(raw, what), fileName: raw.fileName.slice(0, 200) };
    }
    case 'loadImages':
      onlyKeys(raw, { type: true, files: true, skipped: true }, what);
      return {
        type,
        files: list(raw, 'files', what, (f, w) => (onlyKeys(f, { name: true, bytes: true }, w), { name: text(f, 'name', w), bytes: file(f, w) })),
        skipped: list(
          raw,
          'skipped',
          what,
          (f, w) => (onlyKeys(f, { name: true, reason: true }, w), { name: text(f, 'name', w), reason: text(f, 'reason', w) }),
        ),
      };
  }
}

/** The commands that carry files, samples and views (parseCommand's second half). */
function parseDataCommand(raw: Obj, type: string, what: string): Command {
  switch (type) {
    case 'loadRun':
    case 'openGenerator':
    case 'loadImages':
      return parseFileCommand(raw, type, what);
    case 'setSampleClass': {
      onlyKeys(raw, { type: true, classIndex: true }, what);
      const c = raw.classIndex;
      if (c !== null && !isClass(c)) fail(`setSampleClass.classIndex must be a digit 0..${NUM_CLASSES - 1} or null (all classes), got ${describe(c)}`);
      return { type, classIndex: c };
    }
    case 'sampleGenerator': {
      onlyKeys(raw, { type: true, seed: true }, what);
      return { type, seed: seedOf(raw, 'seed', 'sampleGenerator') };
    }
    case 'renderLatent':
      onlyKeys(raw, { type: true, request: true }, what);
      return { type, request: latentRequest(raw.request) };
    case 'runStudy': {
      onlyKeys(raw, { type: true, real: true, added: true }, what);
      const real = number(raw, 'real', 'runStudy');
      const added = number(raw, 'added', 'runStudy');
      if (!(STUDY_REAL as readonly number[]).includes(real)) fail(`runStudy.real must be one of ${STUDY_REAL.join(', ')}, got ${real}`);
      if (!(STUDY_ADDED as readonly number[]).includes(added)) fail(`runStudy.added must be one of ${STUDY_ADDED.join(', ')}, got ${added}`);
      return { type, real, added };
    }
    case 'upscale': {
      onlyKeys(raw, { type: true, source: true, request: true, side: true, pixels: true }, what);
      const source = oneOf(raw, 'source', SOURCES, 'upscale');
      const request = number(raw, 'request', 'upscale');
      const side = number(raw, 'side', 'upscale');
      if (!UPSCALE_SIDES.includes(side)) fail(`upscale.side must be ${UPSCALE_SIDES.slice(0, -1).join(', ')} or ${SKETCH_SIDE}, got ${side}`);
      const pixels = raw.pixels;
      if (!(pixels instanceof Uint8Array) || pixels.length !== side * side) fail(`upscale.pixels must be ${side}x${side} bytes, got ${describe(pixels)}`);
      return { type, source, request, side, pixels: pixels.slice() };
    }
    case 'translate': {
      onlyKeys(raw, { type: true, source: true, request: true, pixels: true }, what);
      const source = oneOf(raw, 'source', SOURCES, 'translate');
      const request = number(raw, 'request', 'translate');
      const pixels = raw.pixels;
      if (!(pixels instanceof Uint8Array) || pixels.length !== SKETCH_SIDE * SKETCH_SIDE)
        fail(`translate.pixels must be ${SKETCH_SIDE}x${SKETCH_SIDE} bytes (a Uint8Array of ${SKETCH_SIDE * SKETCH_SIDE}), got ${describe(pixels)}`);
      if (!pixels.some((p) => p > 0)) fail('translate.pixels is blank: draw something first');
      return { type, source, request, pixels: pixels.slice() };
    }
    case 'exportSamples': {
      onlyKeys(raw, { type: true, source: true, count: true, seed: true, classLabel: true }, what);
      const count = number(raw, 'count', 'exportSamples');
      const problem = checkSampleCount(count);
      if (problem) fail(`exportSamples.count: ${problem}, got ${count}`);
      return {
        type,
        source: oneOf(raw, 'source', SOURCES, 'exportSamples'),
        count,
        seed: seedOf(raw, 'seed', 'exportSamples'),
        ...classLabelOf(raw, 'exportSamples'),
      };
    }
    default:
      return fail(`unknown command type ${what}`);
  }
}
