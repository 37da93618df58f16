import type { MetricPoint } from './protocol';

/** Columns of one stored point, in order. */
export const METRIC_FIELDS = ['step', 'epoch', 'dLoss', 'gLoss', 'dReal', 'dFake'] as const satisfies readonly (keyof MetricPoint)[];
const W = METRIC_FIELDS.length;
export type MetricField = (typeof METRIC_FIELDS)[number];
const COLUMN = Object.fromEntries(METRIC_FIELDS.map((f, j) => [f, j])) as Record<MetricField, number>;

/** Rows of float64 as a plain array, e.g. for a checkpoint or a transfer. */
export function packPoints(points: readonly MetricPoint[]): Float64Array {
  const out = new Float64Array(points.length * W);
  points.forEach((p, i) => METRIC_FIELDS.forEach((f, j) => (out[i * W + j] = p[f])));
  return out;
}

export function unpackPoints(rows: Float64Array): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (let i = 0; i + W <= rows.length; i += W) {
    out.push({ step: rows[i], epoch: rows[i + 1], dLoss: rows[i + 2], gLoss: rows[i + 3], dReal: rows[i + 4], dFake: rows[i + 5] });
  }
  return out;
}

/**
 * The whole run's metrics, 48 bytes a step in one growing buffer (a million
 * steps is 48 MB; as objects it would be ~190): the worker's copy goes into
 * checkpoints, the page's feeds the chart.
 */
export class MetricHistory {
  private rows = new Float64Array(1024 * W);
  private n = 0;
  /** Counts truncations and replacements: a reader that cached a prefix knows it may be stale. */
  rewrites = 0;

  get length(): number {
    return this.n;
  }

  push(points: readonly MetricPoint[]): void {
    if ((this.n + points.length) * W > this.rows.length) {
      const grown = new Float64Array(Math.max(this.rows.length * 2, (this.n + points.length) * W));
      grown.set(this.rows.subarray(0, this.n * W));
      this.rows = grown;
    }
    this.rows.set(packPoints(points), this.n * W);
    this.n += points.length;
  }

  /** Field `f` of point `i`. */
  value(i: number, f: MetricField): number {
    return this.rows[i * W + COLUMN[f]];
  }

  last(): MetricPoint | undefined {
    return this.n ? unpackPoints(this.rows.subarray((this.n - 1) * W, this.n * W))[0] : undefined;
  }

  /** Drops the points after `step` (a rollback). */
  truncateAfter(step: number): void {
    while (this.n > 0 && this.rows[(this.n - 1) * W] > step) this.n--;
    this.rewrites++;
  }

  /** A copy of the rows, safe to transfer or store. */
  toRows(): Float64Array {
    return this.rows.slice(0, this.n * W);
  }

  replace(rows: Float64Array): void {
    this.rows = new Float64Array(Math.max(1024 * W, rows.length));
    this.rows.set(rows);
    this.n = Math.floor(rows.length / W);
    this.rewrites++;
  }
}
