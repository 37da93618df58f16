import type {
  BackendReport,
  ErrorCode,
  ModelKind,
  StateDigest,
  AdamKernelName,
  MetricPoint,
  BackendName,
  WorkerEvent,
  DatasetName,
  RunConfig,
} from '../../shared/protocol';
import type { SessionData } from '../session/data';
import type { Backends } from '../session/backends';
import type { LastGood } from '../train/lastGood';
import type { Autosave, RunRecord } from '../runfile/runRecord';
import type { InsideViews } from '../inside/views';
import type { QualityMonitor } from '../quality/monitor';
import type { RunArchive } from '../runfile/runArchive';
import type { SessionTask } from './plugin';

/**
 * What the loop asks of the engine's tfjs side (built by src/engine/session/services.ts):
 * backends and failover, data, run files, the last good copy, the quality score,
 * the inside views, memory, faults. The loop holds them; it never imports them.
 */
export interface LoopServices {
  readonly data: SessionData;
  readonly backends: Backends;
  readonly lastGood: LastGood;
  readonly record: RunRecord;
  readonly autosave: Autosave;
  readonly inside: InsideViews;
  readonly quality: QualityMonitor;
  /** The tensors and bytes the backend holds now. */
  memory(): { numTensors: number; numBytes: number };
  /** The kernel of the last optimizer update (the metrics report it). */
  adamKernel(): AdamKernelName | null;
  /** Breaks the run on purpose (test hooks): a NaN weight in the task, or a kernel gone. */
  breakRun(kind: 'nan' | 'dropKernel', task: () => SessionTask): void;
  digest(task: SessionTask, last: MetricPoint | null): Promise<StateDigest>;
  exportGenerator(task: SessionTask, backend: BackendName): Promise<{ event: WorkerEvent; transfer: Transferable[] }>;
  /** Reads and checks a run file against its task and data before anything is torn down. */
  readRun(
    bytes: ArrayBuffer,
    dataFor: (dataset: DatasetName) => Promise<{ dataset: DatasetName; count: number }>,
    current: RunConfig | undefined,
  ): Promise<{ run: RunArchive; config: RunConfig }>;
  /** Puts a checked run into a task built from its config. */
  applyRun(task: SessionTask, run: RunArchive): void;
  /** The best copy of a run whose backend died, and whether it is exact. */
  salvage(task: SessionTask, from: BackendName, deviceGone: boolean): Promise<{ run: RunArchive; exact: boolean }>;
  recommendModel(reports: BackendReport[]): ModelKind;
  /** The error code the page sees, and whether the run can go on. */
  classify(e: unknown): [ErrorCode, boolean];
  /** A refused command changes nothing, so a running run keeps running. */
  isRefusal(e: unknown): boolean;
  /** Why the backend failed, if `e` says it did. */
  backendFailure(e: unknown): string | null;
}
