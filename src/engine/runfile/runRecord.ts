import type { BackendName, HyperparamChange, LiveHyperparams, MetricPoint, QualityPoint, RunSummary, WorkerEvent } from '../../shared/protocol';
import { captureRun } from './checkpoint';
import { AUTOSAVE_DEFAULT_SECONDS } from '../../shared/settings';
import { MetricHistory } from '../../shared/metricHistory';
import { encodeRun, type RunArchive } from './runArchive';
import { runFileName } from '../../shared/formats/runFileName';
import type { ImageSet } from '../data/mnist';
import type { RgbaImage } from '../../shared/protocol';
import type { SessionTask } from '../loop/plugin';
import { AutosaveClock } from '../loop/clock';
import type { TaskScore } from '../../shared/taskScore';

/** Milliseconds between host-memory copies of the run: what a lost GPU falls back to. */
export const HOST_COPY_EVERY_MS = 15_000;

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** What a run is beyond its tensors: its id, its whole metric history and its hyperparameter changes. */
export class RunRecord {
  runId = newRunId();
  history = new MetricHistory();
  changes: HyperparamChange[] = [];
  quality: QualityPoint[] = [];
  /** An application's held-out measures so far. */
  taskScores: TaskScore[] = [];
  /** The run's own images (null when it trains on a built-in data set): saved with it when small enough. */
  images: ImageSet | null = null;
  /** The run in host memory (weights, optimizers, position), refreshed every HOST_COPY_EVERY_MS: what a lost GPU falls back to. */
  private hostCopy: RunArchive | null = null;
  private hostCopyAt = 0;

  /** A new run: new id, empty history. */
  fresh(): void {
    this.runId = newRunId();
    this.history = new MetricHistory();
    this.changes = [];
    this.quality = [];
    this.taskScores = [];
  }

  /** Takes a loaded run's history; a resume keeps its id so autosave goes on updating the same entry. */
  adopt(run: RunArchive, resume: boolean): void {
    this.runId = resume ? run.meta.runId : newRunId();
    this.history = new MetricHistory();
    this.history.replace(run.metrics);
    this.changes = run.meta.changes;
    this.quality = run.meta.quality ?? [];
    this.taskScores = run.meta.taskScores ?? [];
  }

  record(points: readonly MetricPoint[]): void {
    this.history.push(points);
  }

  change(step: number, params: LiveHyperparams): void {
    this.changes.push({ step, params });
  }

  /** Forgets everything after `step` (a NaN rollback). */
  rollBack(step: number): void {
    this.history.truncateAfter(step);
    this.changes = this.changes.filter((c) => c.step <= step);
    this.quality = this.quality.filter((q) => q.step <= step);
    this.taskScores = this.taskScores.filter((q) => q.step <= step);
  }

  capture(task: SessionTask, backend: BackendName): Promise<RunArchive> {
    return captureRun(task, {
      runId: this.runId,
      backend,
      changes: [...this.changes],
      quality: [...this.quality],
      taskScores: [...this.taskScores],
      metrics: this.history.toRows(),
      images: this.images,
    });
  }

  /** Without the metric history: the live one, cut at the copy's step, goes with it when it is used (a second copy would double the worker's history memory). */
  async keepHostCopy(task: SessionTask, backend: BackendName, now: boolean): Promise<void> {
    if (!now && performance.now() - this.hostCopyAt < HOST_COPY_EVERY_MS) return;
    this.hostCopy = await captureRun(task, { runId: this.runId, backend, changes: [...this.changes], metrics: new Float64Array(0) });
    this.hostCopyAt = performance.now();
  }

  /** The host copy with the history up to its step. */
  hostCopyWithHistory(): RunArchive | null {
    if (!this.hostCopy) return null;
    const step = this.hostCopy.meta.step;
    this.history.truncateAfter(step);
    this.quality = this.quality.filter((q) => q.step <= step);
    this.taskScores = this.taskScores.filter((q) => q.step <= step);
    return { ...this.hostCopy, meta: { ...this.hostCopy.meta, quality: [...this.quality], taskScores: [...this.taskScores] }, metrics: this.history.toRows() };
  }

  /** The run as a `runExported` event, its bytes transferred. */
  async exportRun(task: SessionTask, backend: BackendName): Promise<{ event: WorkerEvent; transfer: Transferable[] }> {
    const bytes = encodeRun(await this.capture(task, backend));
    const buffer = bytes.buffer as ArrayBuffer;
    return { event: { type: 'runExported', bytes: buffer, fileName: runFileName({ config: task.config, step: task.stepCount }) }, transfer: [buffer] };
  }
}

export interface SaveIO {
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  /**
   * Packs and stores a run in the background (its buffers may be transferred:
   * the caller gives the archive up); resolves with the stored size in bytes.
   */
  saveRun(summary: Omit<RunSummary, 'bytes'>, run: RunArchive): Promise<number>;
}

/**
 * Autosave: the loop waits only for the copy out of tfjs (a few ms); packing
 * and the write to storage run elsewhere (a saver worker), one at a time.
 */
export class Autosave extends AutosaveClock {
  private busy = false;
  private failing = false;

  constructor(private readonly io: SaveIO) {
    super(AUTOSAVE_DEFAULT_SECONDS * 1000);
  }

  override due(step: number): boolean {
    return !this.busy && super.due(step);
  }

  async save(task: SessionTask, record: RunRecord, backend: BackendName, grid: RgbaImage | null): Promise<void> {
    const step = task.stepCount;
    if (this.busy || !this.worthSaving(step)) return;
    this.busy = true;
    const started = performance.now();
    let run: RunArchive;
    try {
      run = await record.capture(task, backend);
    } catch (e) {
      this.busy = false;
      throw e;
    }
    const ms = performance.now() - started;
    this.taken();
    const { config } = task;
    const summary = {
      runId: record.runId,
      model: config.model,
      task: config.task,
      dataset: config.dataset,
      step,
      savedAt: new Date().toISOString(),
      backend,
      grid,
    };
    this.io
      .saveRun(summary, run)
      .then(
        (bytes) => {
          this.stored(step);
          this.failing = false;
          this.io.post({ type: 'saved', runId: summary.runId, step, savedAt: summary.savedAt, bytes, ms });
        },
        (e: unknown) => {
          // Once per failure streak: a full disk would otherwise repeat itself every interval.
          if (!this.failing) this.io.post({ type: 'error', code: 'storage', message: storageMessage(e), recoverable: true });
          this.failing = true;
        },
      )
      .finally(() => (this.busy = false));
  }
}

function storageMessage(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const detail = e instanceof Error || e instanceof DOMException ? e.message : String(e);
  if (name === 'QuotaExceededError') {
    return "Autosave failed: the browser's storage for this site is full. Training goes on and no saved run was deleted: export this run to keep it, and delete runs (or dismiss one set aside) in the runs list to make room.";
  }
  return `Autosave failed (${detail || name}). Training goes on; export the run to keep a copy.`;
}
