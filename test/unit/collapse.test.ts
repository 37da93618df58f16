import { describe, expect, it } from 'vitest';
import { collapseWarning } from '../../src/page/lib/collapse';
import type { QualityPoint } from '../../src/shared/protocol';

const point = (step: number, modes: number, kl: number, spread = 0.5): QualityPoint => ({
  step,
  count: 1000,
  fd: 50,
  floor: 3.6,
  score: 5,
  histogram: new Array(10).fill(100),
  modes,
  kl,
  spread,
  ms: 500,
});

describe('mode-collapse alarm', () => {
  it('stays quiet while a new run starts from one class and improves', () => {
    expect(collapseWarning([point(100, 1, 2.3), point(200, 1, 2.2), point(300, 3, 1.2), point(400, 6, 0.6)])).toBeNull();
  });

  it("sounds after 3 evaluations in a row with modes well below the run's best, not after 2", () => {
    const good = [point(100, 10, 0.05), point(200, 10, 0.04)];
    expect(collapseWarning([...good, point(300, 6, 0.3), point(400, 5, 0.4)])).toBeNull();
    expect(collapseWarning([...good, point(300, 6, 0.3), point(400, 5, 0.4), point(500, 4, 0.45)])).toEqual({
      step: 500,
      modes: 4,
      bestModes: 10,
      kl: 0.45,
      alike: false,
    });
  });

  it('sounds when the class mix turns lopsided for 3 evaluations, and not when one recovers', () => {
    const good = [point(100, 10, 0.1)];
    expect(collapseWarning([...good, point(200, 9, 0.8), point(300, 9, 0.9), point(400, 9, 1.0)])?.kl).toBe(1.0);
    expect(collapseWarning([...good, point(200, 9, 0.8), point(300, 9, 0.2), point(400, 9, 1.0)])).toBeNull();
  });

  it('sounds when, past the warm-up, every sample is the same image, even if the run never did better', () => {
    const alike = (step: number) => point(step, 1, 2.3, 0.04);
    expect(collapseWarning([alike(1200), alike(2400), alike(3600)])).toEqual({ step: 3600, modes: 1, bestModes: 1, kl: 2.3, alike: true });
    // A slow start (still one blur for everything before step 1000) is not collapse yet.
    expect(collapseWarning([alike(200), alike(600), alike(1200)])).toBeNull();
    // Nor is a run whose samples vary, however few classes it draws so far.
    expect(collapseWarning([point(1200, 2, 1.5, 0.25), point(2400, 2, 1.4, 0.3), point(3600, 3, 1.2, 0.35)])).toBeNull();
    // Runs saved before the spread was measured have none: no alarm from it.
    expect(collapseWarning([1200, 2400, 3600].map((s) => ({ ...alike(s), spread: undefined })))).toBeNull();
  });
});
