import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/shared/rng';
import { DRAWN_STD, GRID_STD, modesOf, RING_RADIUS, RING_STD } from '../../src/shared/lab2dData';
import { LINE_NOISE, samplerOf, SPIRAL_NOISE } from '../../src/engine/lab2d/data';

const N = 40_000;
function draw(kind: Parameters<typeof samplerOf>[0], drawn?: number[]): Float64Array {
  const out = new Float64Array(2 * N);
  samplerOf(kind, drawn)(new Rng(7), out, N);
  return out;
}

/** Each point's nearest mode; per mode its count, mean and std (pooled over x and y). */
function perMode(pts: Float64Array, modes: { x: number; y: number }[]) {
  const acc = modes.map(() => ({ n: 0, sx: 0, sy: 0, ss: 0 }));
  for (let i = 0; i < N; i++) {
    const [x, y] = [pts[2 * i], pts[2 * i + 1]];
    const k = modes.reduce((b, m, j) => (Math.hypot(x - m.x, y - m.y) < Math.hypot(x - modes[b].x, y - modes[b].y) ? j : b), 0);
    const a = acc[k];
    a.n++;
    a.sx += x;
    a.sy += y;
    a.ss += (x - modes[k].x) ** 2 + (y - modes[k].y) ** 2;
  }
  return acc.map((a) => ({ share: a.n / N, mx: a.sx / a.n, my: a.sy / a.n, std: Math.sqrt(a.ss / (2 * a.n)) }));
}

describe('2D data sets', () => {
  it('the ring: 8 modes on a circle of radius 2, 45° apart, equal shares, std 0.1', () => {
    const modes = modesOf('ring');
    expect(modes).toHaveLength(8);
    modes.forEach((m, k) => {
      expect(Math.hypot(m.x, m.y)).toBeCloseTo(RING_RADIUS, 10);
      expect(Math.atan2(m.y, m.x)).toBeCloseTo(Math.atan2(Math.sin((k * Math.PI) / 4), Math.cos((k * Math.PI) / 4)), 10);
    });
    for (const [i, s] of perMode(draw('ring'), modes).entries()) {
      expect(s.share).toBeCloseTo(1 / 8, 1);
      expect(s.mx).toBeCloseTo(modes[i].x, 2);
      expect(s.my).toBeCloseTo(modes[i].y, 2);
      expect(s.std).toBeCloseTo(RING_STD, 2);
    }
  });

  it('the grid: 25 modes at -2..2 in steps of 1, std 0.06', () => {
    const modes = modesOf('grid');
    expect(new Set(modes.map((m) => `${m.x},${m.y}`)).size).toBe(25);
    expect(modes.every((m) => [-2, -1, 0, 1, 2].includes(m.x) && [-2, -1, 0, 1, 2].includes(m.y))).toBe(true);
    for (const [i, s] of perMode(draw('grid'), modes).entries()) {
      expect(s.share).toBeCloseTo(1 / 25, 2);
      expect(s.mx).toBeCloseTo(modes[i].x, 2);
      expect(s.std).toBeCloseTo(GRID_STD, 2);
    }
  });

  it('two Gaussians of different sizes: half each, their own centres and stds', () => {
    const modes = modesOf('twoGauss');
    expect(modes[0].std).not.toBe(modes[1].std);
    // Far enough apart that nearest-centre assignment is almost exact.
    for (const [i, s] of perMode(draw('twoGauss'), modes).entries()) {
      expect(s.share).toBeCloseTo(0.5, 1);
      expect(s.mx).toBeCloseTo(modes[i].x, 1);
      expect(s.std).toBeCloseTo(modes[i].std, 1);
    }
  });

  it('the line: uniform along (-2,-1)-(2,1) (x variance 4/3), within noise of it', () => {
    const p = draw('line');
    let [sx, sxx, off] = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      sx += p[2 * i];
      sxx += p[2 * i] ** 2;
      off += (p[2 * i + 1] - p[2 * i] / 2) ** 2;
    }
    expect(sx / N).toBeCloseTo(0, 1);
    expect(sxx / N).toBeCloseTo(4 / 3, 1);
    // y - x/2 has variance LINE_NOISE^2 * (1 + 1/4).
    expect(Math.sqrt(off / N)).toBeCloseTo(LINE_NOISE * Math.sqrt(1.25), 2);
  });

  it("moons: scikit-learn's two arcs, shifted to mean (0, 0), in the view", () => {
    const p = draw('moons');
    let [sx, sy, far] = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      sx += p[2 * i];
      sy += p[2 * i + 1];
      far = Math.max(far, Math.abs(p[2 * i]), Math.abs(p[2 * i + 1]));
    }
    expect(sx / N).toBeCloseTo(0, 1);
    expect(sy / N).toBeCloseTo(0, 1);
    expect(far).toBeLessThan(2.5);
  });

  it('spiral: r = 2t/(3π) with t = 3π√u, so r²/4 is uniform: mean r² is 2 (plus the noise)', () => {
    const p = draw('spiral');
    let [srr, far] = [0, 0];
    for (let i = 0; i < N; i++) {
      const rr = p[2 * i] ** 2 + p[2 * i + 1] ** 2;
      srr += rr;
      far = Math.max(far, Math.sqrt(rr));
    }
    expect(srr / N).toBeCloseTo(2 + 2 * SPIRAL_NOISE ** 2, 1);
    expect(far).toBeLessThan(2 + 5 * SPIRAL_NOISE);
  });

  it('your own drawing: small blobs around the painted points', () => {
    const drawn = [-1, 1, 1, -1];
    const s = perMode(draw('custom', drawn), [
      { x: -1, y: 1 },
      { x: 1, y: -1 },
    ]);
    expect(s[0].share).toBeCloseTo(0.5, 1);
    expect(s[1].mx).toBeCloseTo(1, 2);
    expect(s[1].std).toBeCloseTo(DRAWN_STD, 2);
  });
});
