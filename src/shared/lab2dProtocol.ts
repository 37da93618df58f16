import type { LossKind, MetricPoint, PhaseName, RolledBack } from './protocol';
import type { Lab2dDataKind } from './lab2dData';

/** One 2D lab setup: data, networks, loss and optimizer (every field is in LAB2D_SETTINGS). */
export interface Lab2dConfig {
  data: Lab2dDataKind;
  seed: number;
  batchSize: number;
  noiseSize: number;
  gLayers: number;
  gWidth: number;
  dLayers: number;
  dWidth: number;
  activation: 'relu' | 'leakyRelu' | 'tanh';
  loss: LossKind;
  /** With BCE, G's loss: the non-saturating -log D(G(z)) or the original minimax log(1 - D(G(z))). */
  gLossForm: 'nonSaturating' | 'minimax';
  optimizer: 'adam' | 'sgd';
  gLearningRate: number;
  dLearningRate: number;
  dSteps: number;
  unroll: number;
}

export type Lab2dLive = Pick<Lab2dConfig, 'gLearningRate' | 'dLearningRate' | 'dSteps' | 'unroll'>;
export const LAB2D_LIVE_KEYS = ['gLearningRate', 'dLearningRate', 'dSteps', 'unroll'] as const satisfies readonly (keyof Lab2dLive)[];

/** Which canvas layers the page shows: the worker computes only those views. */
export interface Lab2dLayers {
  real: boolean;
  fake: boolean;
  heatmap: boolean;
  mesh: boolean;
  arrows: boolean;
}

export type Lab2dCommand =
  /** Rebuilds every lab (one, or two side by side) from its setup; `drawn` is the painted data (x, y pairs). */
  | { type: 'reset'; configs: Lab2dConfig[]; drawn: number[] }
  | { type: 'run'; running: boolean }
  /** One step, one side's update, or the next phase of a step taken apart. */
  | { type: 'step'; what: 'both' | 'd' | 'g' | 'phase' }
  | { type: 'live'; index: number; params: Partial<Lab2dLive> }
  | { type: 'layers'; layers: Lab2dLayers }
  /** Packs the run into a file to download (the worker keeps each chart's points and measurements; it autosaves on its own clock). */
  | { type: 'exportRun' }
  /** Replaces the run with a saved one, or refuses it and changes nothing. */
  | { type: 'openRun'; bytes: Uint8Array }
  /** A test hook (`?faults` only; any other worker refuses it): each lab's state as digests. */
  | { type: 'readState' };

/**
 * One lab's whole training state, piece by piece: hashes of the exact bits of
 * G's and D's weights and of each Adam's moments (with its step counter), the
 * training stream's state, the last D loss, the setup and the step. A restore
 * that is exact gives the same digest.
 */
export interface Lab2dStateDigest {
  step: number;
  g: string;
  d: string;
  gAdam: string;
  dAdam: string;
  rng: string;
  last: string;
  config: string;
}

/** Distances between real and fake measured on fresh samples (see engine/lab2d/metrics.ts). */
export interface Lab2dStats {
  step: number;
  kl: number;
  js: number;
  /** For mixtures only: modes covered out of modesTotal, and the share of fakes within 3 std of some mode. */
  modesCovered: number | null;
  modesTotal: number;
  highQuality: number | null;
}

/** What one canvas draws, all in data coordinates; arrays are transferred, not copied. */
export interface Lab2dFrame {
  index: number;
  step: number;
  real: Float32Array;
  fake: Float32Array;
  /** The noise behind each fake (its first two dimensions). */
  noise: Float32Array;
  /** Minus the gradient of G's loss at each fake: where G's update pushes it. */
  arrows: Float32Array | null;
  /** G's image of a (meshSize x meshSize) grid in noise space, x, y pairs row by row. */
  mesh: Float32Array | null;
  meshSize: number;
  /** D's verdict on a HEAT_SIZE^2 grid over the view, as RGBA pixels (row 0 at the top). */
  heat: Uint8ClampedArray | null;
  /** The heatmap was not recomputed for this frame (it costs more than a training step): keep the last one. */
  heatKept?: boolean;
  /** While a step is taken phase by phase: the phase just run; the points are then that step's batch. */
  phase: Lab2dPhaseReport | null;
}

/** What a phase of a lab step did (the six PHASES every task steps through), in numbers (those it has). */
export interface Lab2dPhaseReport {
  phase: PhaseName;
  /** Mean D(x) and D(G(z)) on the batch, as the chart shows them. */
  dReal?: number;
  dFake?: number;
  dLoss?: number;
  gLoss?: number;
  /** Mean length of the push arrows on the batch's fakes. */
  meanPush?: number;
  /** Mean distance the batch's fakes moved in G's update. */
  moved?: number;
  /** D updates this phase made (the D:G ratio). */
  dUpdates?: number;
}

/** What the lab's dense layers run on: WASM SIMD where the engine has it, else plain JS. */
export type Lab2dKernel = 'wasm-simd' | 'js';

export type Lab2dEvent =
  | { type: 'frame'; frame: Lab2dFrame }
  | { type: 'metrics'; index: number; points: MetricPoint[]; stats: Lab2dStats | null; stepsPerSecond: number; kernel: Lab2dKernel }
  | { type: 'error'; message: string }
  /** A download (Save run), or an autosave from the worker's clock for the page to store (where the resume offer reads it). */
  | { type: 'runFile'; bytes: Uint8Array; step: number; purpose: 'download' | 'autosave' }
  | { type: 'opened'; configs: Lab2dConfig[]; drawn: number[]; layers: Lab2dLayers; histories: Float64Array[]; stats: Lab2dStats[][] }
  /** A loss turned NaN or infinite: every setup went back to `step`, and the run paused (the loop's one rollback event). */
  | RolledBack
  /** A file that could not be opened: the run goes on as it was. */
  | { type: 'refused'; message: string }
  | { type: 'stateDigest'; digests: Lab2dStateDigest[] }
  /** Every 2 s, so the page can tell a stuck or dead worker from a quiet one (the page's bridge watches it). */
  | { type: 'heartbeat' };

export const HEAT_SIZE = 64;
