// The only contract between the UI thread and the training worker.
// Every message has a `type`; both sides switch on it exhaustively.

export type ModelKind = 'mlp' | 'dcgan' | 'dcgan-seed';
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type DatasetName = 'mnist';

/** Settings that apply at the next step while training runs. */
export interface LiveHyperparams {
  gLearningRate: number;
  dLearningRate: number;
  beta1: number;
}

/** Settings fixed when the networks are built (Reset applies them). */
export interface RunConfig extends LiveHyperparams {
  model: ModelKind;
  dataset: DatasetName;
  batchSize: number;
  seed: number;
  /** Forces a backend instead of probing (from `?backend=`). */
  backend?: BackendName;
  /** Read losses back every k steps (from `?k=`, 1..100); absent: adaptive. */
  readEvery?: number;
}

export type Command =
  /** `autoModel`: pick the model that learns fastest on the backend found. */
  | { type: 'init'; config: RunConfig; autoModel: boolean }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  | { type: 'reset'; config: RunConfig }
  | { type: 'setHyperparams'; params: Partial<LiveHyperparams> }
  | { type: 'exportGenerator' }
  | { type: 'dispose' };

export interface BackendReport {
  name: BackendName;
  ok: boolean;
  /** Why it failed, or what it runs on (e.g. the adapter). */
  detail: string;
  isSoftware: boolean;
  /** Measured images/s in the probe, when probed. */
  imgPerSec?: number;
}

export interface MetricPoint {
  step: number;
  epoch: number;
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
}

export type RunStatus = 'loading' | 'ready' | 'running' | 'paused' | 'error';

export interface ExportMeta {
  app: 'ganvas';
  version: 1;
  model: ModelKind;
  latentSize: number;
  step: number;
  dataset: DatasetName;
  seed: number;
  batchSize: number;
  hyperparams: LiveHyperparams;
  backend: BackendName;
  exportedAt: string;
}

export type WorkerEvent =
  | { type: 'progress'; message: string }
  | {
      type: 'ready';
      backend: BackendName;
      reason: string;
      reports: BackendReport[];
      /** The configuration the new run was built with. */
      config: RunConfig;
      trainImages: number;
    }
  /** dMs/gMs: mean time of the D and G updates; null where the backend runs asynchronously (GPU), so only totals are honest. */
  | { type: 'metrics'; points: MetricPoint[]; imgPerSec: number; msPerStep: number; dMs: number | null; gMs: number | null }
  | { type: 'samples'; step: number; width: number; height: number; pixels: Uint8ClampedArray }
  | { type: 'status'; status: RunStatus; step: number }
  | { type: 'hyperparams'; step: number; params: LiveHyperparams }
  | { type: 'error'; code: ErrorCode; message: string; recoverable: boolean }
  | { type: 'exported'; modelJson: string; weights: ArrayBuffer; meta: ExportMeta }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** Training went back to this step (after a NaN): drop later history. */
  | { type: 'rolledBack'; step: number };

export type ErrorCode =
  | 'data'
  | 'backend'
  | 'hyperparams'
  | 'nan'
  | 'export'
  | 'command'
  | 'internal';

/** Compile-time proof that a switch handled every variant. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}
