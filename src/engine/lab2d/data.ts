import type { Rng } from '../../shared/rng';
import { DRAWN_STD, modesOf, type Lab2dDataKind } from '../../shared/lab2dData';

/** Fills `out` with n points (x, y interleaved) of a data set, from a seeded stream. */
export type Sampler = (rng: Rng, out: Float64Array, n: number) => void;

export const MOON_NOISE = 0.08;
export const SPIRAL_NOISE = 0.05;
export const LINE_NOISE = 0.03;

function mixture(modes: { x: number; y: number; std: number }[]): Sampler {
  return (rng, out, n) => {
    for (let i = 0; i < n; i++) {
      const m = modes[rng.int(modes.length)];
      out[2 * i] = m.x + m.std * rng.normal();
      out[2 * i + 1] = m.y + m.std * rng.normal();
    }
  };
}

/** scikit-learn's two moons (upper arc centred at 0, lower at (1, 0.5)), shifted to the origin and scaled by 1.5. */
const moons: Sampler = (rng, out, n) => {
  for (let i = 0; i < n; i++) {
    const t = Math.PI * rng.next();
    const upper = rng.next() < 0.5;
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    out[2 * i] = 1.5 * (x - 0.5) + MOON_NOISE * rng.normal();
    out[2 * i + 1] = 1.5 * (y - 0.25) + MOON_NOISE * rng.normal();
  }
};

/** An Archimedean spiral r = 2 * t / (3 pi), t in [0, 3 pi]: one and a half turns out to radius 2. */
const spiral: Sampler = (rng, out, n) => {
  for (let i = 0; i < n; i++) {
    const t = 3 * Math.PI * Math.sqrt(rng.next());
    const r = (2 * t) / (3 * Math.PI);
    out[2 * i] = r * Math.cos(t) + SPIRAL_NOISE * rng.normal();
    out[2 * i + 1] = r * Math.sin(t) + SPIRAL_NOISE * rng.normal();
  }
};

/** The segment from (-2, -1) to (2, 1), uniform along it. */
const line: Sampler = (rng, out, n) => {
  for (let i = 0; i < n; i++) {
    const u = rng.next() * 2 - 1;
    out[2 * i] = 2 * u + LINE_NOISE * rng.normal();
    out[2 * i + 1] = u + LINE_NOISE * rng.normal();
  }
};

/** The sampler of a data set; `drawn` holds the painted points for 'custom'. */
export function samplerOf(kind: Lab2dDataKind, drawn: readonly number[] = []): Sampler {
  switch (kind) {
    case 'moons':
      return moons;
    case 'spiral':
      return spiral;
    case 'line':
      return line;
    case 'custom': {
      const modes = [];
      for (let i = 0; i + 1 < drawn.length; i += 2) modes.push({ x: drawn[i], y: drawn[i + 1], std: DRAWN_STD });
      return mixture(modes);
    }
    default:
      return mixture(modesOf(kind));
  }
}
