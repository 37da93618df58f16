// The only contract between the UI thread and the training worker.
// Every message has a `type`; both sides switch on it exhaustively.
import type { ModelSummary } from './modelSummary';
import type { QualityPoint } from './qualityPoint';
import type { TaskScore } from './taskScore';
import type { StudyResult } from './study';
import type { TaskName } from './tasks';

// A quality evaluation travels in events and in run files: its own module, named here too.
export type { QualityPoint };

export type ModelKind = 'mlp' | 'dcgan' | 'dcgan-lite' | 'dcgan-seed';
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** Which code runs Adam's update: SIMD in the wasm heap, a JS loop (cpu, or wasm without SIMD), or tensor ops (GPU). */
export type AdamKernelName = 'wasm-simd' | 'js' | 'tensor-ops';
export type DatasetName = 'mnist' | 'fashion' | 'custom';
/** bce: non-saturating BCE on logits; lsgan: least squares; hinge; wgan-gp: Wasserstein critic + gradient penalty. */
export type LossKind = 'bce' | 'lsgan' | 'hinge' | 'wgan-gp';
/** What a run trains: digits from noise, or one of the applications of a GAN (the registry: src/shared/tasks). */
export type { TaskName };
/** Super-resolution's input: the image scaled down 4x (7x7) or 2x (14x14). */
export type UpscaleName = 'x4' | 'x2';

/** Settings that apply at the next step while training runs. */
/** An image as the page draws it: RGBA rows, ready for ImageData (sample grids, previews). */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

export interface LiveHyperparams {
  gLearningRate: number;
  dLearningRate: number;
  beta1: number;
  /** Discriminator (critic) updates per generator update, 1..10; one step is all of them. */
  dSteps: number;
  /** One-sided label smoothing: the real target is 1 - this (0..0.5; unused by WGAN-GP). */
  labelSmoothing: number;
  /** λ of the L1 term in an image-to-image generator's loss (super-resolution, sketch to digit). */
  l1Weight: number;
  /** λ of the cycle-consistency term (domain transfer). */
  cycleWeight: number;
}

/** A live change as the chart marks it: the values in force from `step` on. */
export interface HyperparamChange {
  step: number;
  params: LiveHyperparams;
}

/** Settings fixed when the networks are built (Reset applies them). */
export interface RunConfig extends LiveHyperparams {
  task: TaskName;
  upscale: UpscaleName;
  model: ModelKind;
  dataset: DatasetName;
  batchSize: number;
  seed: number;
  loss: LossKind;
  /** G and D see the class as a one-hot (G: after the noise; D: beside the image). */
  conditional: boolean;
  /** Std of Gaussian noise added to every image D sees, real and fake (0 = off). */
  instanceNoise: number;
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
  /** Runs the next of a step's six phases on a paused run (answered by `phase`). */
  | { type: 'phaseStep' }
  | { type: 'reset'; config: RunConfig }
  | { type: 'setHyperparams'; params: Partial<LiveHyperparams> }
  /** Conditional runs: the digit the sample grid shows (null: one row per class). */
  | { type: 'setSampleClass'; classIndex: number | null }
  | { type: 'exportGenerator' }
  /** A whole run as a .ganvas.zip (answered by `runExported`). */
  | { type: 'exportRun' }
  /** Replaces the current run with a saved one, if it passes every check; `resume` keeps its id (autosave continues it), an import gets a new one. */
  | { type: 'loadRun'; bytes: ArrayBuffer; resume: boolean }
  /** Seconds between autosaves while training; 0 turns autosave off. */
  | { type: 'setAutosave'; seconds: number }
  /** Save now if anything changed since the last save (the tab is being hidden). */
  | { type: 'saveNow' }
  | { type: 'openGenerator'; bytes: ArrayBuffer; fileName: string }
  | { type: 'sampleGenerator'; seed: number }
  | { type: 'closeGenerator' }
  /** Your own images (PNG/JPEG files or zips of them) to train on after the next Reset; `skipped`: files the page already refused. */
  | { type: 'loadImages'; files: { name: string; bytes: ArrayBuffer }[]; skipped: SkippedFile[] }
  /** Provokes a failure on purpose (tests and the reliability report): a test hook, refused unless the worker was started with `?faults`. */
  | { type: 'fault'; kind: FaultKind }
  /** Test hook (only with `?faults`, like `fault`): answered by `stateDigest`. */
  | { type: 'readState' }
  /** Test hook (only with `?faults`): a quality evaluation now, so a test reads quality at an exact step. */
  | { type: 'measureQuality' }
  /** Latent-space views: answered by `latentRendered`. */
  | { type: 'renderLatent'; request: LatentRequest }
  /** The timelapse as an animated GIF (answered by `timelapseExported`). */
  | { type: 'exportTimelapse' }
  /** `count` generated images as a zip of PNGs + CSV; image i uses noise seed `seed + i`. */
  | { type: 'exportSamples'; source: GeneratorSourceName; count: number; seed: number; classLabel?: number }
  /** "Does augmentation help?": classifiers on `real` real images alone and with `added` from the conditional generator (answered by `studyResult`). */
  | { type: 'runStudy'; real: number; added: number }
  /** Super-resolution: your own image (gray bytes, `side` x `side`: the low resolution, or 28 to be scaled down first) through the live generator; answered by `upscaled`. */
  | { type: 'upscale'; source: GeneratorSourceName; request: number; side: number; pixels: Uint8Array }
  /** Sketch to digit: a drawing (28x28, one byte a pixel, ink bright) through the live generator; answered by `translated`. */
  | { type: 'translate'; source: GeneratorSourceName; request: number; pixels: Uint8Array }
  | { type: 'dispose' };

/** Which generator a view looks at: the one training or an opened download. */
export type GeneratorSourceName = 'live' | 'opened';

/**
 * `interpolate`: `frames` images from the noise of seedA to seedB.
 * `sliders`: the sample of `seed` with its first values.length latent values replaced.
 * `classLabel` picks the class of a conditional generator (ignored otherwise).
 */
export type LatentRequest =
  | { kind: 'interpolate'; source: GeneratorSourceName; seedA: number; seedB: number; frames: number; path: 'linear' | 'slerp'; classLabel?: number }
  | { kind: 'sliders'; source: GeneratorSourceName; seed: number; values: number[]; classLabel?: number };

/** What D's number on an image is: a probability of "real" (BCE-style losses) or a raw critic value (WGAN). */
export type ScoreKind = 'probability' | 'critic';

/** Gray images, `size` x `size` each, one byte per pixel, back to back. */
export interface GrayImages {
  count: number;
  size: number;
  gray: Uint8Array;
}

/**
 * `nan`: a weight becomes NaN. `loseBackend`: WebGL context / WebGPU device lost.
 * `dropKernel`: a kernel training needs disappears from the backend. `crash`: an
 * uncaught error in the worker. `hang`: the worker stops answering. `stall`: it
 * stops answering for 15 s, then goes on (what "Keep waiting" is for).
 */
export type FaultKind = 'nan' | 'loseBackend' | 'dropKernel' | 'crash' | 'hang' | 'stall';

/**
 * A run's whole training state as SHA-256 hex digests of its raw float32 bytes
 * (tests compare a run before a save and after its restore, bit for bit).
 */
export interface StateDigest {
  step: number;
  /** G's and D's weights (BatchNorm statistics too), and each Adam's moments. */
  g: string;
  d: string;
  gAdam: string;
  dAdam: string;
  /** Both Adams' step counters, the noise generator's state, the data sampler's position and order (digested), as JSON. */
  position: string;
  /** G's output (inference mode) on a fixed noise batch. */
  sample: string;
  /** The latest metric point in the run's history. */
  last: MetricPoint | null;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

/** What the runs list shows of a saved run (stored beside its archive). */
export interface RunSummary {
  runId: string;
  model: ModelKind;
  /** Absent in runs saved before the applications: generating from noise. */
  task?: TaskName;
  dataset: DatasetName;
  step: number;
  savedAt: string;
  backend: BackendName;
  /** Size of the archive. */
  bytes: number;
  grid: RgbaImage | null;
}

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

/**
 * The divergence guard's one event, for every task and the 2D lab: a NaN or
 * infinity sent the run back to `step` (drop later history) and paused it;
 * `message` says what happened and what to try.
 */
export interface RolledBack {
  type: 'rolledBack';
  step: number;
  message: string;
}

/** The six phases of one training step, in order. */
export const PHASES = ['noise', 'generate', 'discriminate', 'updateD', 'generatorThroughD', 'updateG'] as const;
export type PhaseName = (typeof PHASES)[number];

/** What one phase did. `step` is the step being built; it is complete after `updateG`, which carries its metric point. */
export interface PhaseReport {
  phase: PhaseName;
  step: number;
  /** noise: mean and standard deviation of the batch's z. */
  z?: { mean: number; std: number };
  /** generate: range and mean of the fake pixels (in [-1, 1]). */
  fake?: { min: number; max: number; mean: number };
  /** discriminate / updateD: D's mean outputs before its update; generatorThroughD: D(G(z)) after it. */
  dReal?: number;
  dFake?: number;
  dLoss?: number;
  gLoss?: number;
  point?: MetricPoint;
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
  /** Conditional generators take latentSize noise values followed by a numClasses one-hot; absent: noise only. */
  numClasses?: number;
  loss?: LossKind;
  backend: BackendName;
  exportedAt: string;
  /** An application's generator: what it does, and the image shapes it maps (absent: noise to digits). */
  task?: TaskName;
  inputShape?: number[];
  outputShape?: number[];
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
      live: LiveHyperparams;
      trainImages: number;
      runId: string;
      summary: ModelSummary;
      /** Set when the run was loaded from a save: its history, to show before it continues. */
      loaded?: {
        from: 'resume' | 'import' | 'failover';
        step: number;
        metrics: Float64Array;
        changes: HyperparamChange[];
        quality: QualityPoint[];
        taskScores: TaskScore[];
      };
    }
  /** dMs/gMs: mean time of the D and G updates; null where the backend runs asynchronously (GPU), so only totals are honest. adam: the last update's kernel. */
  | { type: 'metrics'; points: MetricPoint[]; imgPerSec: number; msPerStep: number; dMs: number | null; gMs: number | null; adam: AdamKernelName | null }
  /** `rows`: one row per class (conditional, all classes); classIndex: the one class shown, else null. */
  | ({ type: 'samples'; step: number; rows: number; classIndex: number | null } & RgbaImage)
  | { type: 'status'; status: RunStatus; step: number }
  /** A phase ran; null: the step in progress was settled (finished or put back) before another command. */
  | { type: 'phase'; report: PhaseReport | null }
  | { type: 'hyperparams'; step: number; params: LiveHyperparams }
  | { type: 'error'; code: ErrorCode; message: string; recoverable: boolean }
  | { type: 'exported'; modelJson: string; weights: ArrayBuffer; meta: ExportMeta }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** An autosave reached IndexedDB; `ms` is how long training waited for the copy. */
  | { type: 'saved'; runId: string; step: number; savedAt: string; bytes: number; ms: number }
  | { type: 'runExported'; bytes: ArrayBuffer; fileName: string }
  | { type: 'generatorOpened'; fileName: string; meta: ExportMeta }
  | ({ type: 'generated'; seed: number } & RgbaImage)
  /** Sent by the worker every few seconds: silence means it is stuck or gone. */
  | { type: 'heartbeat' }
  /** Your images are ready to train on (select them and Reset); `preview`: a grid of the first ones. */
  | { type: 'imagesLoaded'; count: number; inverted: number; skipped: SkippedFile[]; preview: RgbaImage }
  /** The dropped files gave too few usable images; what there was stays as it was. */
  | { type: 'imagesRefused'; message: string; skipped: SkippedFile[] }
  /** The generator's quality, measured every ~10 s of training. */
  | { type: 'quality'; point: QualityPoint }
  /** An application's measure on held-out images (PSNR/SSIM, digits recognised, cycle loss), every ~10 s of training. */
  | { type: 'taskScore'; score: TaskScore }
  | RolledBack
  /** Real training images and generated ones with D's score on each, refreshed with the grid. */
  | { type: 'realVsFake'; step: number; real: GrayImages; fake: GrayImages; realScores: number[]; fakeScores: number[]; scoreKind: ScoreKind }
  | { type: 'latentRendered'; request: LatentRequest; images: GrayImages; classes: number }
  /** A grid kept for the timelapse (the page mirrors the worker's thinning). */
  | { type: 'timelapseFrame'; step: number; every: number; width: number; height: number; gray: Uint8Array }
  | { type: 'timelapseExported'; bytes: ArrayBuffer; fileName: string; frames: number }
  /** How far the running samples export is (it runs beside training, a batch at a time). */
  | { type: 'samplesProgress'; done: number; count: number }
  | { type: 'samplesExported'; bytes: ArrayBuffer; fileName: string; count: number }
  | { type: 'stateDigest'; digest: StateDigest }
  /** Your image at low resolution, bicubic's upscale and the generator's. */
  | { type: 'upscaled'; source: GeneratorSourceName; request: number; step: number; low: GrayImages; bicubic: GrayImages; output: GrayImages }
  | { type: 'studyProgress'; done: number; total: number }
  | { type: 'studyResult'; result: StudyResult }
  /** A drawing as the generator saw it (thinned to one-pixel strokes, as in training) and what it made of it. */
  | { type: 'translated'; source: GeneratorSourceName; request: number; step: number; sketch: GrayImages; output: GrayImages };

export type ErrorCode = 'data' | 'backend' | 'hyperparams' | 'nan' | 'export' | 'command' | 'storage' | 'import' | 'internal';

/** Compile-time proof that a switch handled every variant. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}
