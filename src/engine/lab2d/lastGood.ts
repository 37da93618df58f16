import type { MetricPoint } from '../../shared/protocol';
import type { Gan2d } from './gan2d';
import { keepDue } from '../loop/clock';

/** The first point whose losses are NaN or infinite, if any. */
export const firstBad = (points: MetricPoint[]): MetricPoint | null => points.find((p) => !Number.isFinite(p.dLoss) || !Number.isFinite(p.gLoss)) ?? null;

/**
 * The labs' last state with finite losses, kept every KEEP_EVERY steps of
 * the loop's clock as for every task (a copy of ~10k numbers at the default
 * sizes), to go back to when a step's
 * losses turn NaN or infinite: a diverged run is put back, not lost.
 */
export class LastGood {
  private kept: ReturnType<Gan2d['snapshot']>[] = [];

  keep(gans: Gan2d[]): void {
    this.kept = gans.map((g) => g.snapshot());
  }

  /** After a step with finite losses: keeps the state when one is due. */
  keepIfDue(gans: Gan2d[]): void {
    if (!gans[0] || !keepDue(gans[0].step, 1)) return;
    // A step's losses come before its updates: keep only weights that are finite too.
    const snaps = gans.map((g) => g.snapshot());
    if (snaps.every((s) => Object.values(s.arrays).every((a) => a.every(Number.isFinite)))) this.kept = snaps;
  }

  /** Puts every lab back where it was kept; returns that step. */
  restore(gans: Gan2d[]): number {
    gans.forEach((g, i) => g.restore(this.kept[i]));
    return this.kept[0]?.step ?? 0;
  }
}
