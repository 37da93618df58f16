import { describe, expect, it } from 'vitest';
import { histogram, js, kl, modeCoverage } from '../../src/engine/lab2d/metrics';
import { modesOf } from '../../src/shared/lab2dData';

describe('2D lab metrics', () => {
  it('KL and JS on the grid are 0 for identical samples', () => {
    const pts = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i) * 2);
    const p = histogram(pts, 100);
    expect(kl(p, histogram(pts, 100))).toBe(0);
    expect(js(p, histogram(pts, 100))).toBe(0);
  });

  it('match a hand-computed case: real all in one cell, fake half there and half in another', () => {
    const real = new Float64Array([0.01, 0.01, 0.02, 0.02]);
    const fake = new Float64Array([0.01, 0.01, -2, -2]);
    // Without smoothing: p = (1, 0), q = (1/2, 1/2).
    const [p, q] = [histogram(real, 2, 20, 0), histogram(fake, 2, 20, 0)];
    expect(kl(p, q)).toBeCloseTo(Math.log(2), 12);
    // m = (3/4, 1/4): JS = 1/2 ln(4/3) + 1/2 (1/2 ln(2/3) + 1/2 ln 2).
    expect(js(p, q)).toBeCloseTo(0.5 * Math.log(4 / 3) + 0.5 * (0.5 * Math.log(2 / 3) + 0.5 * Math.log(2)), 12);
    // Disjoint: JS is its maximum, ln 2.
    expect(js(histogram(new Float64Array([2, 2]), 1, 20, 0), histogram(new Float64Array([-2, -2]), 1, 20, 0))).toBeCloseTo(Math.log(2), 12);
  });

  it('modes covered and high quality on exact cases', () => {
    const modes = modesOf('ring');
    const at = (k: number, dx = 0) => [modes[k].x + dx, modes[k].y];
    // 80 points: 10 on each of modes 0-3 exactly, 40 nowhere near any mode.
    const pts = new Float64Array([...Array.from({ length: 40 }, (_, i) => at(i % 4)).flat(), ...Array(80).fill(0)]);
    expect(modeCoverage(pts, 80, modes)).toEqual({ covered: 4, highQuality: 0.5 });
    // Just inside and just outside 3 std.
    const edge = new Float64Array([...at(0, 2.99 * modes[0].std), ...at(1, 3.01 * modes[1].std)]);
    expect(modeCoverage(edge, 2, modes.slice(0, 2)).highQuality).toBe(0.5);
    // A mode with too few of the fakes (under a fifth of a fair share) is not covered.
    const few = new Float64Array([...Array.from({ length: 99 }, () => at(0)).flat(), ...at(1)]);
    expect(modeCoverage(few, 100, modes).covered).toBe(1);
  });
});
