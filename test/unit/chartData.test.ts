import { describe, expect, it } from 'vitest';
import { chartRows, smooth, thinIndices } from '../../src/chartData';

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

  it('rows carry smoothed and raw values with their step', () => {
    const points = Array.from({ length: 5 }, (_, i) => ({ step: i + 1, epoch: 0, dLoss: i, gLoss: 1, dReal: 0.5, dFake: 0.5 }));
    const rows = chartRows(points, 0.5);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[4].dLossRaw).toBe(4);
    expect(rows[4].dLoss).toBeLessThan(4);
    expect(rows[4].gLoss).toBeCloseTo(1);
  });
});
