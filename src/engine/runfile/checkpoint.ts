import * as tf from '@tensorflow/tfjs';
import type { BackendName, DatasetName, HyperparamChange, QualityPoint, RunConfig } from '../../shared/protocol';
import { RUN_IMAGES_MAX } from '../../shared/limits/imageLimits';
import type { ImageSet } from '../data/mnist';
import type { SamplerState } from '../data/batches';
import { buildTask, taskNeeds } from '../session/tasks';
import { TASK_LABELS } from '../../shared/tasks';
import { decodeRun, RUN_FORMAT_VERSION, RunFileError, type RunArchive, type TensorEntry } from './runArchive';
import type { SessionTask } from '../session/task';
import type { HasParts, TrainedPart } from '../train/parts';
import type { TaskScore } from '../../shared/taskScore';

// Tensors are named by position (`g/3`, `dopt/1/m`): tfjs gives layers new
// names on every build, but a model's weights always come in the same order.

interface Slot {
  name: string;
  shape: number[];
  /** Adam moments exist only after a variable's first update. */
  optional: boolean;
}

function layout(parts: Pick<TrainedPart, 'name' | 'model'>[]): Slot[] {
  const slots: Slot[] = [];
  for (const { name, model } of parts) {
    model.weights.forEach((w, i) => slots.push({ name: `${name}/${i}`, shape: w.shape as number[], optional: false }));
    model.trainableWeights.forEach((w, i) => {
      for (const m of ['m', 'v']) slots.push({ name: `${name}opt/${i}/${m}`, shape: w.shape as number[], optional: true });
    });
  }
  return slots;
}

function trainerTensors(trainer: HasParts): { name: string; tensor: tf.Tensor }[] {
  const out: { name: string; tensor: tf.Tensor }[] = [];
  for (const { name, model, opt, vars } of trainer.parts()) {
    model.weights.forEach((w, i) => out.push({ name: `${name}/${i}`, tensor: w.read() }));
    opt.momentsOf(vars).forEach((s, i) => {
      if (s) out.push({ name: `${name}opt/${i}/m`, tensor: s.m }, { name: `${name}opt/${i}/v`, tensor: s.v });
    });
  }
  return out;
}

export interface RunExtras {
  runId: string;
  backend: BackendName;
  changes: HyperparamChange[];
  metrics: Float64Array;
  quality?: QualityPoint[];
  taskScores?: TaskScore[];
  /** Your own images, kept with the run when there are at most RUN_IMAGES_MAX. */
  images?: ImageSet | null;
}

/** Copies the whole run out of tfjs with one read (one GPU sync, not one per tensor). */
export async function captureRun(trainer: SessionTask, extras: RunExtras): Promise<RunArchive> {
  const named = trainerTensors(trainer);
  const flat = tf.tidy(() => tf.concat(named.map((n) => tf.reshape(n.tensor, [-1]))));
  const values = (await flat.data()) as Float32Array;
  flat.dispose();
  const tensors = new Map<string, Float32Array>();
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const { name, tensor } of named) {
    entries.push({ name, shape: tensor.shape, offset });
    tensors.set(name, values.subarray(offset, offset + tensor.size));
    offset += tensor.size;
  }
  const { rng, sampler, more = [] } = trainer.position();
  const where = (s: SamplerState) => ({ cursor: s.cursor, epoch: s.epoch, count: s.order.length });
  const own = extras.images && extras.images.count <= RUN_IMAGES_MAX ? extras.images : null;
  return {
    meta: {
      app: 'ganvas',
      kind: 'run',
      version: RUN_FORMAT_VERSION,
      runId: extras.runId,
      savedAt: new Date().toISOString(),
      backend: extras.backend,
      config: trainer.config,
      live: trainer.hyperparams,
      step: trainer.stepCount,
      changes: extras.changes,
      quality: extras.quality ?? [],
      ...(extras.taskScores?.length ? { taskScores: extras.taskScores } : {}),
      rng,
      sampler: where(sampler),
      ...(more.length ? { moreSamplers: more.map(where) } : {}),
      optimizers: Object.fromEntries(trainer.parts().map((p) => [p.name, p.opt.counters()])),
      tensors: entries,
      metricPoints: 0,
      ...(own ? { images: { count: own.count, rows: own.rows, cols: own.cols } } : {}),
    },
    tensors,
    order: sampler.order,
    ...(more.length ? { moreOrders: more.map((s) => s.order) } : {}),
    metrics: extras.metrics,
    // A copy: the archive's buffers are transferred to the saver, the training set stays.
    ...(own ? { images: own.pixels.slice() } : {}),
  };
}

/** The names and slots of a task's networks, from a throwaway copy built on a one-image data set. */
function taskLayout(config: RunConfig): { names: string[]; slots: Slot[] } {
  const tiny: ImageSet = { count: 1, rows: 28, cols: 28, pixels: new Uint8Array(784), labels: new Uint8Array(1) };
  const task = buildTask(config, { train: tiny, test: tiny, digits: { train: tiny, test: tiny } });
  try {
    const parts = task.parts();
    return { names: parts.map((p) => p.name), slots: layout(parts) };
  } finally {
    task.dispose();
  }
}

function describeModel(c: RunConfig): string {
  if (c.task !== 'generate') return TASK_LABELS[c.task];
  return `${c.conditional ? 'conditional ' : ''}${c.model}${c.loss === 'wgan-gp' ? ' (WGAN-GP critic, no BatchNorm)' : ''}`;
}

/**
 * Checks that an archive fits the model its config names (every weight present,
 * every shape right) and the data set in use, before anything is torn down.
 */
export function checkFits(run: RunArchive, config: RunConfig, data: { dataset: DatasetName; count: number }): void {
  if (config.dataset !== data.dataset) {
    throw new RunFileError(`the run was trained on ${config.dataset}; the data loaded is ${data.dataset}`);
  }
  if (run.meta.sampler.count !== data.count) {
    throw new RunFileError(`the run was trained on a data set of ${run.meta.sampler.count} images; this one has ${data.count}`);
  }
  const { names, slots } = taskLayout(config);
  if ((run.meta.moreSamplers?.length ?? 0) !== taskNeeds(config.task).samplers - 1)
    throw new RunFileError(`the data position does not fit a ${describeModel(config)} run`);
  const missing = names.find((name) => !run.meta.optimizers[name]);
  if (missing) throw new RunFileError(`the optimizer state of ${missing} is missing`);
  const known = new Set(slots.map((s) => s.name));
  const stray = [...run.tensors.keys()].find((n) => !known.has(n));
  if (stray) throw new RunFileError(`tensor ${stray} does not belong to a ${describeModel(config)} model`);
  for (const s of slots) {
    const values = run.tensors.get(s.name);
    if (!values) {
      if (s.optional) continue;
      throw new RunFileError(`weight ${s.name} is missing`);
    }
    const entry = run.meta.tensors.find((e) => e.name === s.name);
    if (!entry || entry.shape.join() !== s.shape.join()) {
      throw new RunFileError(
        `weights of the wrong shape: ${s.name} is [${entry?.shape.join(', ')}], a ${describeModel(config)} model needs [${s.shape.join(', ')}]`,
      );
    }
    if (!values.every(Number.isFinite)) throw new RunFileError(`${s.name} holds NaN or infinite values`);
  }
}

/**
 * Reads a run file and checks it against its model and the data set (format,
 * version, config, shapes), returning the config to build. Where it runs (a
 * forced backend or read interval) stays this page's choice, not the file's.
 */
export async function readRunFor(
  bytes: ArrayBuffer,
  dataFor: (dataset: DatasetName) => Promise<{ dataset: DatasetName; count: number }>,
  current: RunConfig | undefined,
): Promise<{ run: RunArchive; config: RunConfig }> {
  const run = decodeRun(new Uint8Array(bytes));
  // A run that carries its images is checked against them, not against images dropped today.
  const data = run.meta.images ? { dataset: run.meta.config.dataset, count: run.meta.images.count } : await dataFor(run.meta.config.dataset);
  checkFits(run, run.meta.config, data);
  const config: RunConfig = { ...run.meta.config };
  delete config.backend;
  delete config.readEvery;
  if (current?.backend !== undefined) config.backend = current.backend;
  if (current?.readEvery !== undefined) config.readEvery = current.readEvery;
  return { run, config };
}

/** Puts a checked archive into a trainer built from its config: weights, optimizers, noise stream, data position and step. */
export function applyRun(trainer: SessionTask, run: RunArchive): void {
  for (const { name, model, opt, vars } of trainer.parts()) {
    model.weights.forEach((w, i) => {
      const values = run.tensors.get(`${name}/${i}`) as Float32Array;
      tf.tidy(() => void w.write(tf.tensor(values, w.shape as number[])));
    });
    const moments = vars.map((_, i) => {
      const m = run.tensors.get(`${name}opt/${i}/m`);
      const v = run.tensors.get(`${name}opt/${i}/v`);
      return m && v ? { m, v } : null;
    });
    opt.load(vars, run.meta.optimizers[name], moments);
  }
  trainer.setHyperparams(run.meta.live);
  const more = (run.meta.moreSamplers ?? []).map((s, i) => ({ order: (run.moreOrders ?? [])[i], cursor: s.cursor, epoch: s.epoch }));
  trainer.setPosition({ rng: run.meta.rng, sampler: { order: run.order, cursor: run.meta.sampler.cursor, epoch: run.meta.sampler.epoch }, more });
  trainer.stepCount = run.meta.step;
}
