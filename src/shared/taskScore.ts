import type { TaskName } from './protocol';

/** One evaluation of an application's generator on held-out images (kept in run files too). */
export interface TaskScore {
  step: number;
  /** Held-out images it was measured on. */
  count: number;
  /** The measures, keyed as TASK_MEASURES names them. */
  values: Record<string, number>;
  /** How long the evaluation took. */
  ms: number;
}

/** One line of a task's score chart. */
export interface TaskSeries {
  key: string;
  label: string;
  /** A yardstick the GAN is compared with (drawn dashed). */
  reference?: boolean;
}

/** One chart of a task's scores: its lines share a unit. */
export interface TaskMeasure {
  /** What the summary sentence calls it. */
  name: string;
  title: string;
  unit: string;
  /** Which way is better, said under the chart. */
  better: 'higher' | 'lower';
  /** Decimals shown. */
  digits: number;
  /** A fixed scale (else it follows the values). */
  domain?: [number, number];
  series: TaskSeries[];
}

/** What each application measures on held-out images as it trains (the digits task has its own quality panel). */
export const TASK_MEASURES: Record<TaskName, TaskMeasure[]> = {
  generate: [],
  superres: [
    {
      name: 'PSNR',
      title: 'PSNR on held-out images',
      unit: 'dB',
      better: 'higher',
      digits: 2,
      series: [
        { key: 'psnrGan', label: 'GAN' },
        { key: 'psnrL1', label: 'L1 only (λ = ∞)', reference: true },
        { key: 'psnrBicubic', label: 'bicubic', reference: true },
      ],
    },
    {
      name: 'SSIM',
      title: 'SSIM on held-out images',
      unit: '',
      better: 'higher',
      digits: 3,
      series: [
        { key: 'ssimGan', label: 'GAN' },
        { key: 'ssimL1', label: 'L1 only (λ = ∞)', reference: true },
        { key: 'ssimBicubic', label: 'bicubic', reference: true },
      ],
    },
  ],
  sketch: [
    {
      name: 'Sketches recognised',
      title: 'Sketches of 0-9 turned into the right digit',
      unit: 'of 10',
      better: 'higher',
      digits: 0,
      domain: [0, 10],
      series: [{ key: 'recognized', label: 'recognised by the reference classifier' }],
    },
    {
      name: 'L1 error',
      title: 'L1 error on held-out sketches',
      unit: '',
      better: 'lower',
      digits: 3,
      series: [{ key: 'l1', label: 'mean |G(sketch) − digit|' }],
    },
  ],
  transfer: [
    {
      name: 'Cycle loss',
      title: 'Cycle loss on held-out images',
      unit: '',
      better: 'lower',
      digits: 3,
      series: [{ key: 'cycle', label: '|A→B→A − A| + |B→A→B − B|' }],
    },
  ],
};

/** What the columns of a task's view show, left to right (the digits task shows a plain grid). */
export const TASK_VIEW_COLUMNS: Record<TaskName, readonly string[]> = {
  generate: [],
  superres: ['input', 'bicubic', 'GAN', 'L1 only', 'real'],
  sketch: ['sketch', 'GAN', 'real'],
  transfer: ['A', 'A→B', 'A→B→A', 'B', 'B→A', 'B→A→B'],
};
