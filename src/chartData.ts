import type { MetricPoint } from './protocol';

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
 * The smoothed series of one metrics array, extended as points arrive: the
 * store's array grows in place, so a redraw at 100k steps smooths only the
 * new points instead of the whole history.
 */
class Smoothed {
  readonly values = Object.fromEntries(SERIES.map((s) => [s, [] as number[]])) as Record<Series, number[]>;
  private last = Object.fromEntries(SERIES.map((s) => [s, 0])) as Record<Series, number>;
  private debias = 1;

  constructor(readonly weight: number) {}

  extend(points: MetricPoint[]): void {
    const w = this.weight;
    for (let i = this.values.dLoss.length; i < points.length; i++) {
      this.debias *= w;
      for (const s of SERIES) {
        const v = points[i][s];
        this.last[s] = this.last[s] * w + (1 - w) * v;
        this.values[s].push(w > 0 ? this.last[s] / (1 - this.debias) : v);
      }
    }
  }
}

const smoothedCache = new WeakMap<MetricPoint[], Smoothed>();

function smoothedOf(points: MetricPoint[], weight: number): Record<Series, number[]> {
  let s = smoothedCache.get(points);
  if (!s || s.weight !== weight || s.values.dLoss.length > points.length) {
    s = new Smoothed(weight);
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
export function chartRows(points: MetricPoint[], weight: number, recent = 200, maxOlder = 200): ChartRow[] {
  const smoothed = smoothedOf(points, weight);
  return thinIndices(points.length, recent, maxOlder).map((i) => {
    const p = points[i];
    return {
      step: p.step,
      dLoss: smoothed.dLoss[i],
      gLoss: smoothed.gLoss[i],
      dReal: smoothed.dReal[i],
      dFake: smoothed.dFake[i],
      dLossRaw: p.dLoss,
      gLossRaw: p.gLoss,
      dRealRaw: p.dReal,
      dFakeRaw: p.dFake,
    };
  });
}
