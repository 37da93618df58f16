import { describe, expect, it } from 'vitest';
import { chartRows, compareRows, smooth, thinIndices } from '../../src/page/lib/chartData';
import { MetricHistory } from '../../src/shared/metricHistory';

describe('chart data', () => {
  it('smoothing is debiased: a constant series stays constant from the first point', () => {
    expect(smooth([2, 2, 2, 2], 0.9).every((v) => Math.abs(v - 2) < 1e-12)).toBe(true);
    expect(smooth([1, 3], 0)).toEqual([1, 3]);
  });

  it('keeps every recent point and at most maxOlder older ones', () => {
    const idx = thinIndices(100_000, 400, 400);
    expect(idx.length).toBeLessThanOrEqual(800);
    expect(idx.slice(-400)).toEqual(Array.from({ length: 400 }, (_, i) => 99_600 + i));
    expect(idx[0]).toBe(0);
    expect(thinIndices(10, 400, 400)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('smooths incrementally: rows after more points arrive equal rows of the whole history at once', () => {
    const all = Array.from({ length: 3000 }, (_, i) => ({ step: i + 1, epoch: 0, dLoss: Math.sin(i), gLoss: Math.cos(i), dReal: 0.5, dFake: i % 7 }));
    const growing = new MetricHistory();
    growing.push(all.slice(0, 1000));
    chartRows(growing, 0.9);
    growing.push(all.slice(1000));
    const whole = new MetricHistory();
    whole.push(all);
    expect(chartRows(growing, 0.9)).toEqual(chartRows(whole, 0.9));
    // A rollback then as many new points: same length, different values, so the cached smoothing must go.
    growing.truncateAfter(2000);
    growing.push(all.slice(2000).map((p) => ({ ...p, dLoss: 5 })));
    expect(chartRows(growing, 0.9).at(-1)?.dLossRaw).toBe(5);
    expect(chartRows(growing, 0.9).at(-1)?.dLoss).toBeCloseTo(5, 3);
  });

  it('rows carry smoothed and raw values with their step', () => {
    const points = new MetricHistory();
    points.push(Array.from({ length: 5 }, (_, i) => ({ step: i + 1, epoch: 0, dLoss: i, gLoss: 1, dReal: 0.5, dFake: 0.5 })));
    const rows = chartRows(points, 0.5);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[4].dLossRaw).toBe(4);
    expect(rows[4].dLoss).toBeLessThan(4);
    expect(rows[4].gLoss).toBeCloseTo(1);
  });

  it('compares two runs: each keeps its own values at its own steps, in step order', () => {
    const a = new MetricHistory();
    a.push(Array.from({ length: 4 }, (_, i) => ({ step: 2 * i + 1, epoch: 0, dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5 })));
    const b = new MetricHistory();
    b.push(Array.from({ length: 3 }, (_, i) => ({ step: 2 * i + 2, epoch: 0, dLoss: 3, gLoss: 2, dReal: 0.75, dFake: 0.25 })));
    const rows = compareRows(a, b, 0);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.filter((r) => r.dLoss !== undefined).map((r) => r.step)).toEqual([1, 3, 5, 7]);
    expect(rows.filter((r) => r.dLossB !== undefined).map((r) => [r.step, r.dLossB, r.dFakeB])).toEqual([
      [2, 3, 0.25],
      [4, 3, 0.25],
      [6, 3, 0.25],
    ]);
  });
});
