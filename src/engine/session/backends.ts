import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport, MetricPoint, RunConfig } from '../../shared/protocol';
import { BackendError, pickBackend, worthProbing } from '../backends/backend';
import { BackendFailure, BackendWatch, reportsWithout } from '../backends/failover';
import type { SessionTask, TaskData } from './task';
import { MODEL_LABELS } from '../../shared/choices/models';
import { TASK_LABELS } from '../../shared/tasks';
import { probeTraining } from '../backends/probe';
import { messageOf } from '../../shared/errors';

export interface BackendChoice {
  name: BackendName;
  reason: string;
  reports: BackendReport[];
}

// Per backend, after its warm-up step: enough for a stable rate, and the whole probe stays under ~3 s.
const PROBE_BUDGET_MS = 400;

/**
 * Probes every backend worth trying with a throwaway copy of the model and
 * keeps the fastest. Results are cached per model and batch size for the session.
 */
export async function chooseForModel(
  cache: Map<string, BackendChoice>,
  detected: BackendReport[],
  config: RunConfig,
  data: TaskData,
  progress: (msg: string) => void,
): Promise<BackendChoice> {
  const generates = config.task === 'generate';
  const key = `${generates ? config.model : `${config.task}/${config.upscale}`}/${config.batchSize}/${config.backend ?? 'auto'}`;
  const what = generates ? MODEL_LABELS[config.model] : TASK_LABELS[config.task];
  // The applications' networks are small convnets: probe as for DCGAN.
  const model = generates ? config.model : 'dcgan';
  const cached = cache.get(key);
  if (cached) return cached;
  const reports = detected.map((r) => ({ ...r }));
  const forced = config.backend;
  const started = performance.now();
  let probed = 0;
  for (const r of reports) {
    if (forced && r.name !== forced) continue;
    if (!forced && !worthProbing(r, model, reports)) continue;
    progress(`Probing ${what} on ${r.name}…`);
    probed++;
    try {
      await tf.setBackend(r.name);
      const result = await probeTraining({ ...config, backend: r.name }, data, PROBE_BUDGET_MS);
      r.imgPerSec = result.imgPerSec;
    } catch (e) {
      r.ok = false;
      r.detail = `cannot train ${what}: ${messageOf(e)}`;
    }
  }
  let choice: BackendChoice;
  if (forced) {
    const r = reports.find((x) => x.name === forced);
    if (!r?.ok) throw new BackendError(`backend ${forced} was requested but does not work here: ${r?.detail ?? 'not available'}`);
    choice = { name: forced, reason: `chosen by ?backend=${forced}`, reports };
  } else {
    choice = { ...pickBackend(reports), reports };
  }
  if (probed > 1) choice.reason += ` (probed ${probed} backends in ${((performance.now() - started) / 1000).toFixed(1)} s)`;
  cache.set(key, choice);
  return choice;
}

export interface BackendIO {
  detectBackends(only?: BackendName): Promise<BackendReport[]>;
  watchBackend(name: BackendName, onLost: (reason: string) => void): void;
}

/** The session's backends: detected once, chosen per model, watched while training, dropped when they fail. */
export class Backends {
  name: BackendName = 'cpu';
  private reports: BackendReport[] | null = null;
  private readonly choices = new Map<string, BackendChoice>();
  private readonly watch = new BackendWatch();
  /** Backends that died during this worker's life, and why. */
  private readonly failed = new Map<BackendName, string>();

  constructor(private readonly io: BackendIO) {}

  /** Whether the current backend's device or context is gone (its memory cannot be read). */
  get deviceGone(): boolean {
    return this.watch.reason !== null;
  }

  /**
   * Why the current backend died, if it reports so within `ms`. A read (a grid,
   * a view, a quality score) can fail a moment before the loss event arrives;
   * waiting briefly tells that loss from an ordinary error. cpu cannot be lost.
   */
  async lostWithin(ms: number): Promise<string | null> {
    if (this.watch.reason === null && this.name !== 'cpu') {
      await this.watch.race(new Promise((resolve) => setTimeout(resolve, ms))).catch(() => undefined);
    }
    return this.watch.reason;
  }

  async detected(forced?: BackendName): Promise<BackendReport[]> {
    this.reports ??= await this.io.detectBackends(forced);
    return this.reports;
  }

  /** Picks (probing if needed) and switches to the backend for this config, and starts watching it. */
  async use(config: RunConfig, data: TaskData, progress: (msg: string) => void): Promise<BackendChoice> {
    const choice = await chooseForModel(this.choices, await this.detected(config.backend), config, data, progress);
    this.name = choice.name;
    await tf.setBackend(choice.name);
    this.io.watchBackend(choice.name, this.watch.arm());
    return choice;
  }

  /** Marks the current backend failed; the next `use` chooses among the others. */
  async fail(reason: string): Promise<void> {
    this.failed.set(this.name, reason);
    this.reports = await reportsWithout(this.reports ?? [], this.failed, (only) => this.io.detectBackends(only));
    this.choices.clear();
  }

  /** A step that throws (a kernel gone) or outlives its backend (context or device lost) is a backend failure, except on cpu, the last resort. */
  async steps(trainer: SessionTask, k: number): Promise<MetricPoint[]> {
    let points: MetricPoint[];
    try {
      points = await this.watch.race(trainer.steps(k));
    } catch (e) {
      if (e instanceof BackendFailure || this.name !== 'cpu') throw new BackendFailure(messageOf(e));
      throw e;
    }
    if (this.watch.reason !== null) throw new BackendFailure(this.watch.reason);
    return points;
  }
}
