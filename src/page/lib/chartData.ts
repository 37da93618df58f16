import type { MetricHistory } from '../../shared/metricHistory';

export const SERIES = ['dLoss', 'gLoss', 'dReal', 'dFake'] as const;
export type Series = (typeof SERIES)[number];

export type ChartRow = { step: number } & Record<Series, number> & Record<`${Series}Raw`, number>;

/**
 * Debiased exponential moving average (as TensorBoard draws it), so the
 * first points are not dragged toward zero.
 */
export function smooth(values: number[], weight: number): number[] {
  const out = new Array<number>(values.length);
  let last = 0;
  let debias = 1;
  for (let i = 0; i < values.length; i++) {
    last = last * weight + (1 - weight) * values[i];
    debias *= weight;
    out[i] = weight > 0 ? last / (1 - debias) : values[i];
  }
  return out;
}

/**
 * Indices to draw: every point of the recent window, and older points
 * decimated to at most `maxOlder`, so a 100k-step run stays cheap to render.
 */
export function thinIndices(length: number, recent: number, maxOlder: number): number[] {
  const start = Math.max(0, length - recent);
  const stride = Math.max(1, Math.ceil(start / maxOlder));
  const idx: number[] = [];
  for (let i = 0; i < start; i += stride) idx.push(i);
  for (let i = start; i < length; i++) idx.push(i);
  return idx;
}

/**
 * The smoothed series of one history, extended as points arrive: the store's
 * history grows in place, so a redraw at 100k steps smooths only the new
 * points. Float32 columns: 16 bytes a step for all four.
 */
class Smoothed {
  values = Object.fromEntries(SERIES.map((s) => [s, new Float32Array(1024)])) as Record<Series, Float32Array>;
  length = 0;
  private last = Object.fromEntries(SERIES.map((s) => [s, 0])) as Record<Series, number>;
  private debias = 1;

  constructor(
    readonly weight: number,
    readonly rewrites: number,
  ) {}

  extend(points: MetricHistory): void {
    const w = this.weight;
    if (points.length > this.values.dLoss.length) {
      for (const s of SERIES) {
        const grown = new Float32Array(Math.max(points.length, this.values[s].length * 2));
        grown.set(this.values[s]);
        this.values[s] = grown;
      }
    }
    for (let i = this.length; i < points.length; i++) {
      this.debias *= w;
      for (const s of SERIES) {
        const v = points.value(i, s);
        this.last[s] = this.last[s] * w + (1 - w) * v;
        this.values[s][i] = w > 0 ? this.last[s] / (1 - this.debias) : v;
      }
    }
    this.length = points.length;
  }
}

const smoothedCache = new WeakMap<MetricHistory, Smoothed>();

function smoothedOf(points: MetricHistory, weight: number): Record<Series, Float32Array> {
  let s = smoothedCache.get(points);
  if (!s || s.weight !== weight || s.rewrites !== points.rewrites) {
    s = new Smoothed(weight, points.rewrites);
    smoothedCache.set(points, s);
  }
  s.extend(points);
  return s.values;
}

/**
 * Rows to draw: thinned, smoothed and raw. Costs O(recent + maxOlder) per call
 * once the history is smoothed. 400 rows is about a point per pixel of the
 * plot; more only adds main-thread time to every redraw.
 */
export function chartRows(points: MetricHistory, weight: number, recent = 200, maxOlder = 200): ChartRow[] {
  const smoothed = smoothedOf(points, weight);
  return thinIndices(points.length, recent, maxOlder).map((i) => ({
    step: points.value(i, 'step'),
    dLoss: smoothed.dLoss[i],
    gLoss: smoothed.gLoss[i],
    dReal: smoothed.dReal[i],
    dFake: smoothed.dFake[i],
    dLossRaw: points.value(i, 'dLoss'),
    gLossRaw: points.value(i, 'gLoss'),
    dRealRaw: points.value(i, 'dReal'),
    dFakeRaw: points.value(i, 'dFake'),
  }));
}

export type CompareRow = { step: number } & Partial<Record<Series | `${Series}B`, number>>;

/**
 * Two runs on one chart: rows of `a` and rows of `b` (fields suffixed B),
 * merged by step. Each row carries one run's values; the lines connect
 * across the other run's rows.
 */
export function compareRows(a: MetricHistory, b: MetricHistory, weight: number): CompareRow[] {
  const rowsB: CompareRow[] = chartRows(b, weight).map((r) => ({ step: r.step, dLossB: r.dLoss, gLossB: r.gLoss, dRealB: r.dReal, dFakeB: r.dFake }));
  return [...chartRows(a, weight), ...rowsB].sort((x, y) => x.step - y.step);
}
