import type { MetricPoint } from '../../shared/protocol';
import type { Gan2d } from './gan2d';

/** Steps between two kept states: a rollback loses at most this many. */
export const KEEP_EVERY = 50;

const finite = (p: MetricPoint) => Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss);

/**
 * The labs' last state with finite losses, kept every KEEP_EVERY steps (a
 * copy of ~10k numbers at the default sizes), to go back to when a step's
 * losses turn NaN or infinite: a diverged run is put back, not lost.
 */
export class LastGood {
  private kept: ReturnType<Gan2d['snapshot']>[] = [];

  keep(gans: Gan2d[]): void {
    this.kept = gans.map((g) => g.snapshot());
  }

  /** After steps: keeps the state when one is due and every point so far was finite; returns the first bad point, if any. */
  check(gans: Gan2d[], points: MetricPoint[][]): MetricPoint | null {
    const bad = points.flat().find((p) => !finite(p)) ?? null;
    if (bad || !gans[0] || gans[0].step % KEEP_EVERY !== 0) return bad;
    // A step's losses come before its updates: keep only weights that are finite too.
    const snaps = gans.map((g) => g.snapshot());
    if (snaps.every((s) => Object.values(s.arrays).every((a) => a.every(Number.isFinite)))) this.kept = snaps;
    return null;
  }

  /** Puts every lab back where it was kept; returns that step. */
  restore(gans: Gan2d[]): number {
    gans.forEach((g, i) => g.restore(this.kept[i]));
    return this.kept[0]?.step ?? 0;
  }
}
