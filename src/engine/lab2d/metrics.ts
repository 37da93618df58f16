import { VIEW, type Mode } from '../../shared/lab2dData';

/**
 * How far the fakes are from the data: KL and JS divergences between
 * histograms on a grid over the view (GAN Lab's measure), and for mixtures
 * the modes covered and the share of high-quality samples (Metz et al.).
 */
export const HIST_BINS = 20;
/** Added to every bin so KL stays finite where the fakes leave a bin empty. */
export const HIST_EPS = 1e-4;

/** A normalised histogram of n points on a bins x bins grid over [-VIEW, VIEW]^2 (points outside go to the edge bins). */
export function histogram(points: ArrayLike<number>, n: number, bins = HIST_BINS, eps = HIST_EPS): Float64Array {
  const h = new Float64Array(bins * bins).fill(eps);
  const cell = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v + VIEW) / (2 * VIEW)) * bins)));
  for (let i = 0; i < n; i++) h[cell(points[2 * i + 1]) * bins + cell(points[2 * i])] += 1;
  const total = n + eps * bins * bins;
  for (let i = 0; i < h.length; i++) h[i] /= total;
  return h;
}

/** KL(p || q) in nats. */
export function kl(p: Float64Array, q: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s += p[i] * Math.log(p[i] / q[i]);
  return s;
}

/** Jensen-Shannon divergence in nats (at most ln 2). */
export function js(p: Float64Array, q: Float64Array): number {
  const m = p.map((v, i) => (v + q[i]) / 2);
  return 0.5 * kl(p, m) + 0.5 * kl(q, m);
}

/** A mode counts as covered when at least this share of a uniform split of the fakes lands within 3 std of it. */
export const COVER_SHARE = 0.2;

/** Modes covered and the share of points within 3 std of some mode. */
export function modeCoverage(points: ArrayLike<number>, n: number, modes: readonly Mode[]): { covered: number; highQuality: number } {
  const counts = new Array<number>(modes.length).fill(0);
  let good = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let hit = -1;
    let best = Infinity;
    modes.forEach((m, k) => {
      const d = Math.hypot(x - m.x, y - m.y);
      if (d <= 3 * m.std && d < best) [hit, best] = [k, d];
    });
    if (hit >= 0) {
      counts[hit]++;
      good++;
    }
  }
  const needed = (COVER_SHARE * n) / modes.length;
  return { covered: counts.filter((c) => c > 0 && c >= needed).length, highQuality: n ? good / n : 0 };
}
