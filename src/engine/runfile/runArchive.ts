import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import type { BackendName, HyperparamChange, LiveHyperparams, QualityPoint, RunConfig } from '../../shared/protocol';
import type { TaskScore } from '../../shared/taskScore';
import type { AdamCounters } from '../train/adam';
import { parseRunConfig } from '../../shared/commands';
import { MIN_IMAGES, SIDE } from '../data/customImages';
import { RUN_IMAGES_MAX } from '../../shared/limits/imageLimits';
import { describeErrors, validateConfig, validateLive } from '../../shared/hyperparams';
import { METRIC_FIELDS } from '../../shared/metricHistory';
import type { RngState } from '../../shared/rng';
import { unzipWithin } from '../../shared/limits/zipLimits';
import { messageOf } from '../../shared/errors';

// A whole run as one zip: the same bytes go to IndexedDB (autosave) and to a
// downloaded `.ganvas.zip`, so one parser and one set of checks serve both.

export const RUN_FORMAT_VERSION = 1;

/** A file that is not a run this version can continue; the message says which and why. */
export class RunFileError extends Error {
  override name = 'RunFileError';
}

export interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset into tensors.bin, in float32 elements. */
  offset: number;
}

/** Where one sampler is: its epoch, its cursor into the order, and the size of its data set. */
export interface SamplerMeta {
  cursor: number;
  epoch: number;
  count: number;
}

/** ganvas.json: everything but the big arrays. */
export interface RunMeta {
  app: 'ganvas';
  kind: 'run';
  version: typeof RUN_FORMAT_VERSION;
  runId: string;
  savedAt: string;
  backend: BackendName;
  config: RunConfig;
  live: LiveHyperparams;
  step: number;
  changes: HyperparamChange[];
  /** Quality evaluations so far (absent in runs saved before the quality score). */
  quality?: QualityPoint[];
  /** An application's held-out measures (absent for generating from noise). */
  taskScores?: TaskScore[];
  rng: RngState;
  sampler: SamplerMeta;
  /** Further samplers (domain transfer's MNIST side); their orders follow the first in order.bin. */
  moreSamplers?: SamplerMeta[];
  /** Each network's optimizer counters, by the network's name ('g', 'd'). */
  optimizers: Record<string, AdamCounters>;
  tensors: TensorEntry[];
  /** Points in metrics.bin (METRIC_FIELDS.length float64 each). */
  metricPoints: number;
  /** A run on your own images (at most RUN_IMAGES_MAX) carries them in images.bin. */
  images?: { count: number; rows: number; cols: number };
}

export interface RunArchive {
  meta: RunMeta;
  tensors: Map<string, Float32Array>;
  /** The sampler's shuffled order for the current epoch. */
  order: Uint32Array;
  /** The further samplers' orders, as moreSamplers lists them. */
  moreOrders?: Uint32Array[];
  metrics: Float64Array;
  /** The training images, one byte a pixel, back to back (runs on your own images only). */
  images?: Uint8Array;
}

const FILES = { meta: 'ganvas.json', tensors: 'tensors.bin', order: 'order.bin', metrics: 'metrics.bin', images: 'images.bin', readme: 'README.md' } as const;
/** Caps on what a file may claim to unpack to, checked before inflating anything (zip bombs). */
const MAX_BYTES: Record<string, number> = {
  [FILES.meta]: 32 << 20,
  [FILES.tensors]: 512 << 20,
  [FILES.order]: 64 << 20,
  [FILES.metrics]: 256 << 20,
  [FILES.images]: RUN_IMAGES_MAX * SIDE * SIDE,
  [FILES.readme]: 1 << 20,
};

const README = `# A ganvas run

Open it in ganvas with "Import run" to continue training exactly where it stopped.

- ganvas.json: format version, model, hyperparameters and their change history, step, RNG and data position, optimizer counters, tensor index
- tensors.bin: both networks' weights and both Adam optimizers' moments (float32, little-endian, offsets in ganvas.json)
- order.bin: the data order of the current epoch (uint32)
- metrics.bin: the loss history, float64 rows of step, epoch, D loss, G loss, D(x), D(G(z))
- images.bin (runs on your own images, up to ${RUN_IMAGES_MAX.toLocaleString('en')}): the training images, 28x28 grayscale, one byte a pixel, back to back
`;

/** Packs a run; weights and metrics are stored, not deflated, so autosave costs a copy and a CRC, not compression time. */
export function encodeRun(run: RunArchive): Uint8Array {
  let size = 0;
  const tensors = run.meta.tensors.map((e) => {
    const values = run.tensors.get(e.name);
    if (!values) throw new Error(`encodeRun: no values for ${e.name}`);
    const entry = { ...e, offset: size };
    size += values.length;
    return { entry, values };
  });
  const packed = new Float32Array(size);
  for (const { entry, values } of tensors) packed.set(values, entry.offset);
  const meta: RunMeta = { ...run.meta, tensors: tensors.map((t) => t.entry), metricPoints: run.metrics.length / METRIC_FIELDS.length };
  const files: Zippable = {
    [FILES.meta]: strToU8(JSON.stringify(meta)),
    [FILES.readme]: strToU8(README),
    [FILES.tensors]: [bytesOf(packed), { level: 0 }],
    [FILES.order]: [bytesOf(joinOrders([run.order, ...(run.moreOrders ?? [])])), { level: 0 }],
    [FILES.metrics]: [bytesOf(run.metrics), { level: 0 }],
  };
  if (run.images) files[FILES.images] = [run.images, { level: 0 }];
  return zipSync(files);
}

function bytesOf(a: Float32Array | Float64Array | Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function fail(message: string): never {
  throw new RunFileError(message);
}

/** Parses and checks a run zip (format, version, config, sizes); shapes against a model are `checkFits`'s job. */
export function decodeRun(bytes: Uint8Array): RunArchive {
  const files = unzipWithin(bytes, MAX_BYTES, fail);
  const metaBytes = files[FILES.meta];
  if (!metaBytes) fail('not a ganvas run: ganvas.json is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(metaBytes));
  } catch {
    fail('ganvas.json is not valid JSON');
  }
  const meta = checkMeta(raw);
  for (const name of [FILES.tensors, FILES.order, FILES.metrics]) if (!files[name]) fail(`the run is incomplete: ${name} is missing`);
  const packed = asFloat32(files[FILES.tensors], FILES.tensors);
  const tensors = new Map<string, Float32Array>();
  for (const e of meta.tensors) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset + n > packed.length) fail(`tensors.bin is truncated: ${e.name} needs ${n} values at ${e.offset}, the file has ${packed.length}`);
    if (tensors.has(e.name)) fail(`tensor ${e.name} is listed twice`);
    tensors.set(e.name, packed.subarray(e.offset, e.offset + n));
  }
  const samplers = [meta.sampler, ...(meta.moreSamplers ?? [])];
  const total = samplers.reduce((n, s) => n + s.count, 0);
  const orderBytes = files[FILES.order];
  if (orderBytes.byteLength !== total * 4) fail(`order.bin has ${orderBytes.byteLength} bytes; ${total} images need ${total * 4}`);
  const all = new Uint32Array(orderBytes.slice().buffer);
  let at = 0;
  const [order, ...moreOrders] = samplers.map((s) => {
    const o = all.subarray(at, (at += s.count));
    if (o.some((i) => i >= s.count)) fail('order.bin points past the end of the data set');
    return o;
  });
  const metricBytes = files[FILES.metrics];
  if (metricBytes.byteLength !== meta.metricPoints * METRIC_FIELDS.length * 8)
    fail(`metrics.bin has ${metricBytes.byteLength} bytes; ${meta.metricPoints} points need ${meta.metricPoints * METRIC_FIELDS.length * 8}`);
  const metrics = new Float64Array(metricBytes.slice().buffer);
  const images = checkImages(meta, files[FILES.images]);
  return { meta, tensors, order, metrics, ...(moreOrders.length ? { moreOrders } : {}), ...(images ? { images } : {}) };
}

/** A run's own images, checked like the rest of the file: count, shape and size against what ganvas.json says. */
function checkImages(meta: RunMeta, bytes: Uint8Array | undefined): Uint8Array | null {
  const m = meta.images;
  if (!m && !bytes) return null;
  if (!m || !bytes) fail(m ? 'the run is incomplete: images.bin is missing' : 'images.bin is there but ganvas.json does not describe it');
  if (meta.config.dataset !== 'custom') fail(`images.bin belongs to a run on your own images; this run trained on ${meta.config.dataset}`);
  if (!isObj(m) || !isCount(m.count) || m.rows !== SIDE || m.cols !== SIDE) fail(`ganvas.json: the images must be ${SIDE}x${SIDE}`);
  if (m.count < MIN_IMAGES || m.count > RUN_IMAGES_MAX)
    fail(`ganvas.json: a run carries ${MIN_IMAGES} to ${RUN_IMAGES_MAX.toLocaleString('en')} images, not ${m.count}`);
  if (m.count !== meta.sampler.count) fail(`the run trained on ${meta.sampler.count} images but carries ${m.count}`);
  if (bytes.byteLength !== m.count * SIDE * SIDE) fail(`images.bin has ${bytes.byteLength} bytes; ${m.count} images need ${m.count * SIDE * SIDE}`);
  return bytes;
}

function asFloat32(b: Uint8Array, name: string): Float32Array {
  if (b.byteLength % 4) fail(`${name} is truncated (${b.byteLength} bytes is not a whole number of float32 values)`);
  // unzipSync hands back fresh arrays at offset 0, so the view is aligned.
  return b.byteOffset % 4 ? new Float32Array(b.slice().buffer) : new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkMeta(raw: unknown): RunMeta {
  if (!isObj(raw) || raw.app !== 'ganvas') fail('not a ganvas run: ganvas.json does not say app "ganvas"');
  if (raw.kind !== 'run')
    fail(raw.kind === undefined ? 'this is a generator download, not a run: open it with "Open generator"' : `not a run: kind is ${String(raw.kind)}`);
  if (raw.version !== RUN_FORMAT_VERSION)
    fail(`made by a different version of ganvas (run format ${String(raw.version)}; this version reads format ${RUN_FORMAT_VERSION})`);
  let config: RunConfig;
  try {
    config = parseRunConfig(raw.config, 'config');
  } catch (e) {
    fail(`ganvas.json: ${messageOf(e)}`);
  }
  const configErrors = validateConfig(config);
  if (Object.keys(configErrors).length) fail(`ganvas.json: config ${describeErrors(configErrors)}`);
  if (!isObj(raw.live) || !isNum(raw.live.gLearningRate) || !isNum(raw.live.dLearningRate) || !isNum(raw.live.beta1))
    fail('ganvas.json: live hyperparameters are missing');
  // Runs saved before the D:G ratio, label smoothing and the tasks' weights existed trained with the config's (defaulted) values.
  const live = {
    dSteps: config.dSteps,
    labelSmoothing: config.labelSmoothing,
    l1Weight: config.l1Weight,
    cycleWeight: config.cycleWeight,
    ...raw.live,
  } as LiveHyperparams;
  raw.live = live;
  const liveErrors = validateLive(live);
  if (Object.keys(liveErrors).length) fail(`ganvas.json: live ${describeErrors(liveErrors)}`);
  if (!isCount(raw.step) || !isCount(raw.metricPoints)) fail('ganvas.json: step and metricPoints must be whole numbers');
  const rng = raw.rng as RngState;
  if (!isObj(rng) || !isCount(rng.state) || !(rng.spare === null || isNum(rng.spare))) fail('ganvas.json: the RNG state is malformed');
  const okSampler = (s: unknown) => isObj(s) && isCount(s.cursor) && isCount(s.epoch) && isCount(s.count) && s.cursor <= s.count;
  if (!okSampler(raw.sampler) || !(raw.moreSamplers === undefined || (Array.isArray(raw.moreSamplers) && raw.moreSamplers.every(okSampler))))
    fail('ganvas.json: the data position is malformed');
  const opts = raw.optimizers as RunMeta['optimizers'];
  const okCounters = (c: unknown) => isObj(c) && isCount(c.iterations) && isNum(c.accBeta1) && isNum(c.accBeta2);
  if (!isObj(opts) || !Object.values(opts).every(okCounters)) fail('ganvas.json: optimizer state is malformed');
  if (!Array.isArray(raw.tensors)) fail('ganvas.json: the tensor index is missing');
  for (const t of raw.tensors as unknown[]) {
    if (!isObj(t) || typeof t.name !== 'string' || !isCount(t.offset) || !Array.isArray(t.shape) || !t.shape.every((d) => isCount(d) && d > 0 && d < 1e8)) {
      fail('ganvas.json: the tensor index has a malformed entry');
    }
  }
  if (!Array.isArray(raw.changes) || !raw.changes.every((c) => isObj(c) && isCount(c.step) && isObj(c.params)))
    fail('ganvas.json: the hyperparameter history is malformed');
  if (typeof raw.runId !== 'string' || typeof raw.savedAt !== 'string') fail('ganvas.json: runId and savedAt must be strings');
  const okQuality = (q: unknown) =>
    isObj(q) &&
    isCount(q.step) &&
    isNum(q.fd) &&
    isNum(q.score) &&
    isCount(q.modes) &&
    isNum(q.kl) &&
    (q.spread === undefined || isNum(q.spread)) &&
    Array.isArray(q.histogram) &&
    q.histogram.every(isCount);
  if (raw.quality !== undefined && !(Array.isArray(raw.quality) && raw.quality.every(okQuality))) fail('ganvas.json: the quality history is malformed');
  const okScore = (q: unknown) => isObj(q) && isCount(q.step) && isCount(q.count) && isObj(q.values) && Object.values(q.values).every(isNum);
  if (raw.taskScores !== undefined && !(Array.isArray(raw.taskScores) && raw.taskScores.every(okScore)))
    fail('ganvas.json: the held-out measures are malformed');
  return raw as unknown as RunMeta;
}

function joinOrders(orders: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(orders.reduce((n, o) => n + o.length, 0));
  let at = 0;
  for (const o of orders) {
    out.set(o, at);
    at += o.length;
  }
  return out;
}
