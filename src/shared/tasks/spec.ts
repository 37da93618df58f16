import type { DatasetName, LossKind, RunConfig } from '../protocol';
import type { TaskMeasure } from '../taskScore';

/** How the model diagram names G's input, D's view and the networks. */
export interface TaskFlow {
  input: string;
  inputIs: string;
  judges: string;
  networks: string;
}

/** What the page and the engine know of a task without its code: one file per task in this folder, one line in index.ts. */
export interface TaskSpec {
  /** The Task field's option. */
  label: string;
  /** Shown under the Task field while it is picked. */
  hint: string;
  /** What it starts with where the digits' defaults do not fit. */
  defaults: Partial<RunConfig>;
  /** The settings it reads beyond every task's (index.ts): the page shows these for it and hides the others. */
  settings: (keyof RunConfig)[];
  flow: TaskFlow;
  /** What it measures on held-out images as it trains (digits from noise has its own quality panel instead). */
  measures: TaskMeasure[];
  /** What the columns of its view show, left to right (digits from noise shows a plain grid). */
  viewColumns: readonly string[];
  /** Whether a run can ask for a class (a conditional G): only a generator from noise has classes to ask for. */
  classes: boolean;
  /** G makes images from noise (else it maps images to images): presets, phase stepping, the latent views, the quality score and train.py are for it. */
  fromNoise: boolean;
  /** What the rows of its live view are (a generator from noise shows a plain grid: empty). */
  viewRows: string;
  /** What an opened download of it is shown (a generator from noise: empty, it is given noise). */
  openedInput: string;
  /** What its generator download's README says it takes (a generator from noise: empty, the README describes z). */
  downloadInput: string;
  /** The loss D's numbers on the charts come from; 'chosen': the run's Loss setting. */
  verdictLoss: LossKind | 'chosen';
  /** A data set it cannot train on, why, and what the Data field says instead of its usual hint. */
  refusesData?: { dataset: DatasetName; problem: string; hint: string };
}
