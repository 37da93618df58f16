import type { QualityPoint } from './protocol';

/** Evaluations in a row that must look collapsed before the alarm sounds. */
export const COLLAPSE_RUN = 3;
/** KL to uniform (nats) past which the class histogram counts as lopsided; ln 10 = 2.3 is one class. */
export const KL_THRESHOLD = 0.5;
/** Modes lost from the run's best before it counts as a drop. */
const MODES_LOST = 2;

export interface CollapseWarning {
  step: number;
  modes: number;
  bestModes: number;
  kl: number;
}

/**
 * Mode collapse as the quality history shows it: the last COLLAPSE_RUN
 * evaluations each cover fewer classes than the run once did, or each have a
 * class histogram further from uniform than KL_THRESHOLD after the run was once
 * below it. Measured against the run's own best, so the first noisy
 * evaluations of a new run (one class for everything) raise no alarm.
 */
export function collapseWarning(points: readonly QualityPoint[]): CollapseWarning | null {
  if (points.length <= COLLAPSE_RUN) return null;
  const before = points.slice(0, -COLLAPSE_RUN);
  const recent = points.slice(-COLLAPSE_RUN);
  const bestModes = Math.max(...before.map((p) => p.modes));
  const wasBalanced = before.some((p) => p.kl <= KL_THRESHOLD);
  const dropped = recent.every((p) => p.modes <= bestModes - MODES_LOST);
  const lopsided = wasBalanced && recent.every((p) => p.kl > KL_THRESHOLD);
  if (!dropped && !lopsided) return null;
  const last = recent[recent.length - 1];
  return { step: last.step, modes: last.modes, bestModes, kl: last.kl };
}
