import type { RunConfig, TaskName, UpscaleName } from '../protocol';

/** What each task is called in the UI. */
export const TASK_LABELS: Record<TaskName, string> = {
  generate: 'Generate from noise',
  superres: 'Super-resolution',
  sketch: 'Sketch to digit',
  transfer: 'Domain transfer (CycleGAN)',
};

export const UPSCALE_LABELS: Record<UpscaleName, string> = {
  x4: '7×7 → 28×28 (×4)',
  x2: '14×14 → 28×28 (×2)',
};

export const UPSCALE_FACTOR: Record<UpscaleName, 2 | 4> = { x4: 4, x2: 2 };

/**
 * What a task starts with where the digits' defaults do not fit: the
 * applications' small conv networks learn best on small batches (measured in
 * docs/benchmarks.md, "Applications").
 */
export const TASK_DEFAULTS: Record<TaskName, Partial<RunConfig>> = {
  generate: {},
  superres: { batchSize: 16, gLearningRate: 1e-3, dLearningRate: 2e-4, conditional: false },
  sketch: { batchSize: 16, gLearningRate: 1e-3, dLearningRate: 2e-4, conditional: false },
  transfer: { batchSize: 8, gLearningRate: 5e-4, dLearningRate: 5e-4, conditional: false, dataset: 'fashion' },
};

/** The settings each task reads beyond seed, batch size, data and the learning rates (the page shows only these). */
export const TASK_SETTINGS: Record<TaskName, (keyof RunConfig)[]> = {
  generate: ['model', 'loss', 'conditional', 'instanceNoise', 'dSteps', 'labelSmoothing'],
  superres: ['upscale', 'l1Weight'],
  sketch: ['l1Weight'],
  transfer: ['cycleWeight'],
};
