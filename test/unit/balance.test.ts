import { describe, expect, it } from 'vitest';
import { balanceOf, readBalance } from '../../src/page/lib/balance';
import { MetricHistory } from '../../src/shared/metricHistory';

const history = (pairs: [number, number][]) => {
  const h = new MetricHistory();
  h.push(pairs.map(([dReal, dFake], i) => ({ step: i + 1, epoch: 0, dLoss: 1, gLoss: 1, dReal, dFake })));
  return h;
};

describe('the balance meter reading', () => {
  it('says who is winning from D(x) and D(G(z))', () => {
    expect(balanceOf(0.9, 0.05)).toBe('detective');
    expect(balanceOf(0.6, 0.4)).toBe('balanced');
    expect(balanceOf(0.5, 0.5)).toBe('balanced');
    expect(balanceOf(0.9, 0.7)).toBe('forger');
    expect(balanceOf(0.3, 0.35)).toBe('forger');
  });

  it('turns at the documented thresholds: D(G(z)) 0.2 (detective) and 0.6 (forger)', () => {
    expect(balanceOf(0.9, 0.19)).toBe('detective');
    expect(balanceOf(0.9, 0.21)).toBe('balanced');
    expect(balanceOf(0.9, 0.59)).toBe('balanced');
    expect(balanceOf(0.9, 0.61)).toBe('forger');
  });

  it('is an EMA of weight 0.1 over the last 50 steps: older steps do not count', () => {
    const odd: [number, number][] = Array.from({ length: 30 }, () => [0.1, 0.9]);
    const steady: [number, number][] = Array.from({ length: 50 }, () => [0.8, 0.3]);
    expect(readBalance(history([...odd, ...steady]))).toEqual({ dReal: 0.8, dFake: 0.3, state: 'balanced' });
    // One new point moves the reading a tenth of the way to it.
    const r = readBalance(history([...odd, ...steady, [0.8, 0.4]]));
    expect(r?.dFake).toBeCloseTo(0.31, 10);
  });

  it('smooths: one odd step does not flip the reading, a trend does', () => {
    expect(readBalance(new MetricHistory())).toBeNull();
    const steady: [number, number][] = Array.from({ length: 40 }, () => [0.9, 0.05]);
    expect(readBalance(history([...steady, [0.5, 0.9]]))?.state).toBe('detective');
    const trend: [number, number][] = Array.from({ length: 30 }, () => [0.55, 0.45]);
    const r = readBalance(history([...steady, ...trend]));
    expect(r?.state).toBe('balanced');
    expect(r?.dFake).toBeGreaterThan(0.4);
  });
});
