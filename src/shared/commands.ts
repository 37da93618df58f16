import type {
  BackendName,
  Command,
  DatasetName,
  FaultKind,
  GeneratorSourceName,
  LatentRequest,
  LiveHyperparams,
  LossKind,
  ModelKind,
  RunConfig,
  TaskName,
  UpscaleName,
} from './protocol';
import { CLASS_COUNT } from './latent';
import { checkSampleCount, INTERPOLATION_MAX_FRAMES, LATENT_SLIDERS, LATENT_VALUE_LIMIT } from './limits/viewLimits';
import { AUTOSAVE, defaultDSteps, ruleError, SETTINGS } from './settings';
import { STUDY_ADDED, STUDY_REAL } from './study';

/** A message that is not a Command; the worker answers it with an error event and changes nothing. */
export class CommandError extends Error {
  override name = 'CommandError';
}

// Records over the unions, so adding a member to the protocol fails to compile here until it is listed.
const MODELS: Record<ModelKind, true> = { mlp: true, dcgan: true, 'dcgan-lite': true, 'dcgan-seed': true };
const DATASETS: Record<DatasetName, true> = { mnist: true, fashion: true, custom: true };
const BACKENDS: Record<BackendName, true> = { webgpu: true, webgl: true, wasm: true, cpu: true };
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
const LOSS_KINDS: Record<LossKind, true> = { bce: true, lsgan: true, hinge: true, 'wgan-gp': true };
const TASKS: Record<TaskName, true> = { generate: true, superres: true, sketch: true, transfer: true };
const UPSCALES: Record<UpscaleName, true> = { x4: true, x2: true };
const LIVE_KEYS: Record<keyof LiveHyperparams, true> = {
  gLearningRate: true,
  dLearningRate: true,
  beta1: true,
  dSteps: true,
  labelSmoothing: true,
  l1Weight: true,
  cycleWeight: true,
};
const CONFIG_KEYS: Record<keyof RunConfig, true> = {
  ...LIVE_KEYS,
  task: true,
  upscale: true,
  model: true,
  dataset: true,
  batchSize: true,
  seed: true,
  loss: true,
  conditional: true,
  instanceNoise: true,
  backend: true,
  readEvery: true,
};
/** The side of a drawing sent to the sketch-to-digit generator. */
export const SKETCH_SIDE = 28;
/** Larger than any run or generator we accept (their own checks are tighter). */
export const MAX_FILE_BYTES = 1 << 30;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(message: string): never {
  throw new CommandError(message);
}

function onlyKeys(o: Obj, allowed: Record<string, true>, what: string): void {
  const extra = Object.keys(o).filter((k) => !Object.hasOwn(allowed, k));
  if (extra.length) fail(`${what}: unknown field${extra.length > 1 ? 's' : ''} ${extra.slice(0, 5).join(', ')}`);
}

function number(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number') fail(`${what}.${key} must be a number, got ${describe(v)}`);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, allowed: Record<T, true>, what: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !Object.hasOwn(allowed, v)) fail(`${what}.${key} must be one of ${Object.keys(allowed).join(', ')}, got ${describe(v)}`);
  return v as T;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `'${v.slice(0, 40)}'`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/**
 * Shapes only: ranges (rates in (0, 1], batch 8..512, ...) are validateConfig's job, with per-field messages.
 * Fields added with the loss choice may be absent (run files saved before them): they mean plain BCE, unconditional, 1:1.
 */
export function parseRunConfig(v: unknown, what: string): RunConfig {
  if (!isObject(v)) fail(`${what} must be an object, got ${describe(v)}`);
  onlyKeys(v, CONFIG_KEYS, what);
  const loss = v.loss === undefined ? 'bce' : oneOf(v, 'loss', LOSS_KINDS, what);
  if (v.conditional !== undefined && typeof v.conditional !== 'boolean') fail(`${what}.conditional must be a boolean, got ${describe(v.conditional)}`);
  const initial = (key: 'l1Weight' | 'cycleWeight'): number => SETTINGS[key].initial?.('mlp', loss) as number;
  const config: RunConfig = {
    // Runs saved before the applications were generators from noise.
    task: v.task === undefined ? 'generate' : oneOf(v, 'task', TASKS, what),
    upscale: v.upscale === undefined ? 'x4' : oneOf(v, 'upscale', UPSCALES, what),
    model: oneOf(v, 'model', MODELS, what),
    dataset: oneOf(v, 'dataset', DATASETS, what),
    batchSize: number(v, 'batchSize', what),
    seed: number(v, 'seed', what),
    gLearningRate: number(v, 'gLearningRate', what),
    dLearningRate: number(v, 'dLearningRate', what),
    beta1: number(v, 'beta1', what),
    dSteps: v.dSteps === undefined ? defaultDSteps(loss) : number(v, 'dSteps', what),
    labelSmoothing: v.labelSmoothing === undefined ? 0 : number(v, 'labelSmoothing', what),
    loss,
    conditional: v.conditional === true,
    instanceNoise: v.instanceNoise === undefined ? 0 : number(v, 'instanceNoise', what),
    l1Weight: v.l1Weight === undefined ? initial('l1Weight') : number(v, 'l1Weight', what),
    cycleWeight: v.cycleWeight === undefined ? initial('cycleWeight') : number(v, 'cycleWeight', what),
  };
  if (v.backend !== undefined) config.backend = oneOf(v, 'backend', BACKENDS, what);
  if (v.readEvery !== undefined) config.readEvery = number(v, 'readEvery', what);
  return config;
}

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

function seedOf(o: Obj, key: string, what: string): number {
  const seed = number(o, key, what);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) fail(`${what}.${key} must be a whole number from 0 to 2147483647, got ${seed}`);
  return seed;
}

/** Absent, or a class 0..9 (whether the generator is conditional is checked where it is known). */
function classLabelOf(o: Obj, what: string): { classLabel?: number } {
  if (o.classLabel === undefined) return {};
  const c = number(o, 'classLabel', what);
  if (!Number.isInteger(c) || c < 0 || c >= CLASS_COUNT) fail(`${what}.classLabel must be a whole number from 0 to ${CLASS_COUNT - 1}, got ${c}`);
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

/** The commands that carry files, samples and views (parseCommand's second half). */
function parseDataCommand(raw: Obj, type: string, what: string): Command {
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
    case 'setSampleClass': {
      onlyKeys(raw, { type: true, classIndex: true }, what);
      const c = raw.classIndex;
      if (c !== null && (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 9))
        fail(`setSampleClass.classIndex must be a digit 0..9 or null (all classes), got ${describe(c)}`);
      return { type, classIndex: c };
    }
    case 'sampleGenerator': {
      onlyKeys(raw, { type: true, seed: true }, what);
      const seed = number(raw, 'seed', 'sampleGenerator');
      if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) fail(`sampleGenerator.seed must be a whole number from 0 to 2147483647, got ${seed}`);
      return { type, seed };
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
      if (![7, 14, SKETCH_SIDE].includes(side)) fail(`upscale.side must be 7, 14 or ${SKETCH_SIDE}, got ${side}`);
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
