/** One evaluation of an application's generator on held-out images (kept in run files too). */
export interface TaskScore {
  step: number;
  /** Held-out images it was measured on. */
  count: number;
  /** The measures, keyed as the task spec's `measures` name them. */
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
