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

export function chartRows(points: MetricPoint[], weight: number, recent = 400, maxOlder = 400): ChartRow[] {
  const smoothed = Object.fromEntries(SERIES.map((s) => [s, smooth(points.map((p) => p[s]), weight)])) as Record<
    Series,
    number[]
  >;
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
