import type { LossKind, ModelKind, RunConfig, TaskName, UpscaleName } from '../protocol';
import { MODEL_LABELS } from './modelNames';

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

/** How the model diagram names G's input, D's view and the networks for each task. */
export const TASK_FLOW: Record<TaskName, { input: string; inputIs: string; judges: string; networks: string }> = {
  generate: { input: 'Noise z', inputIs: 'numbers from N(0, 1)', judges: 'real images and fakes', networks: 'a forger (G) and a detective (D)' },
  superres: {
    input: 'Low-resolution image',
    inputIs: 'the real image, block-averaged',
    judges: 'each image beside its low-resolution input',
    networks: 'an upscaler (G) and a patch detective (D)',
  },
  sketch: {
    input: 'Sketch',
    inputIs: 'one-pixel strokes thinned from the real image',
    judges: 'each image beside its sketch',
    networks: 'a U-Net (G) and a patch detective (D)',
  },
  transfer: {
    input: 'Image of set A',
    inputIs: 'G_AB makes it a B; G_BA (same shape) goes back',
    judges: 'set B’s images and translated ones (D_A mirrors it)',
    networks: 'two translators and two detectives (one of each shown)',
  },
};

/** What a run is called in lists: its task, or for digits from noise its model. */
export function runLabel(r: { model: ModelKind; task?: TaskName }): string {
  return r.task && r.task !== 'generate' ? TASK_LABELS[r.task] : MODEL_LABELS[r.model];
}

/** The loss D's numbers on the charts come from: domain transfer's critics are least-squares (CycleGAN), image-to-image D is BCE. */
export function verdictLoss(c: { task: TaskName; loss: LossKind }): LossKind {
  return c.task === 'generate' ? c.loss : c.task === 'transfer' ? 'lsgan' : 'bce';
}
