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
