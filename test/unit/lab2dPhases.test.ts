import { describe, expect, it } from 'vitest';
import { lab2dDefaults } from '../../src/shared/settings';
import type { Lab2dConfig } from '../../src/shared/lab2dProtocol';
import { PHASES } from '../../src/shared/protocol';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { Lab2dPhases } from '../../src/engine/lab2d/phases';

const config = (over: Partial<Lab2dConfig> = {}): Lab2dConfig => ({ ...lab2dDefaults(), batchSize: 32, ...over });
const state = (g: Gan2d) => [Array.from(g.g.params), Array.from(g.d.params), g.step, g.rng.getState()];

describe("the 2D lab's step taken phase by phase", () => {
  it.each([
    ['plain', {}],
    ['unrolled k = 2, two D updates a step, WGAN-GP', { unroll: 2, dSteps: 2, loss: 'wgan-gp' }],
  ] as const)('%s: six phases are exactly one training step, and report what they did', (_, over) => {
    const [stepped, phased] = [new Gan2d(config(over)), new Gan2d(config(over))];
    const phases = new Lab2dPhases(phased);
    for (let s = 0; s < 3; s++) {
      const want = stepped.trainStep();
      const reports = PHASES.map(() => phases.advance());
      expect(reports.map((r) => r.report.phase)).toEqual([...PHASES]);
      expect(reports.slice(0, 5).every((r) => r.point === null)).toBe(true);
      expect(reports[5].point).toEqual(want);
      expect(state(phased)).toEqual(state(stepped));
      // The push's arrows and the moved fakes are this batch's.
      expect(reports[4].report.meanPush).toBeGreaterThan(0);
      expect(reports[5].report.moved).toBeGreaterThan(0);
    }
  });

  it('stopping before D updates puts the drawn batch back; stopping after finishes the step', () => {
    const [stepped, phased] = [new Gan2d(config()), new Gan2d(config())];
    const phases = new Lab2dPhases(phased);
    phases.advance();
    phases.advance();
    expect(phases.settle()).toBeNull();
    expect(state(phased)).toEqual(state(stepped));
    for (let i = 0; i < 4; i++) phases.advance();
    const point = phases.settle();
    expect(point).toEqual(stepped.trainStep());
    expect(state(phased)).toEqual(state(stepped));
    expect(phases.view).toBeNull();
  });
});
