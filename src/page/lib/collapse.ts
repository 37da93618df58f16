import type { QualityPoint } from '../../shared/protocol';

/** Evaluations in a row that must look collapsed before the alarm sounds. */
export const COLLAPSE_RUN = 3;
/** KL to uniform (nats) past which the class histogram counts as lopsided; ln 10 = 2.3 is one class. */
export const KL_THRESHOLD = 0.5;
/** Modes lost from the run's best before it counts as a drop. */
const MODES_LOST = 2;
/**
 * Feature spread below which the samples are all one image. Measured on the
 * MLP (cpu, 500 samples): the "Mode collapse" preset stays at 0.03-0.05 from
 * step 250 on, while even "Discriminator too strong" passes 0.2 by step 500
 * and 0.4 by step 1000 (real data: 1).
 */
export const SPREAD_MIN = 0.1;
/** Before this step every generator may still be drawing its starting blur. */
export const WARMUP_STEPS = 1000;

export interface CollapseWarning {
  step: number;
  modes: number;
  bestModes: number;
  kl: number;
  /** Every noise vector gives (nearly) the same image. */
  alike: boolean;
}

/**
 * Mode collapse as the quality history shows it, over the last COLLAPSE_RUN
 * evaluations: past the warm-up, the samples are all one image (feature
 * spread below SPREAD_MIN); or they cover fewer classes than the run once
 * did; or the class histogram is further from uniform than KL_THRESHOLD after
 * the run was once below it. The last two are measured against the run's own
 * best, so the first evaluations of a new run raise no alarm.
 */
export function collapseWarning(points: readonly QualityPoint[]): CollapseWarning | null {
  if (points.length < COLLAPSE_RUN) return null;
  const before = points.slice(0, -COLLAPSE_RUN);
  const recent = points.slice(-COLLAPSE_RUN);
  const bestModes = Math.max(...points.map((p) => p.modes));
  const alike = recent.every((p) => p.step >= WARMUP_STEPS && p.spread !== undefined && p.spread < SPREAD_MIN);
  const dropped = before.length > 0 && recent.every((p) => p.modes <= bestModes - MODES_LOST);
  const lopsided = before.some((p) => p.kl <= KL_THRESHOLD) && recent.every((p) => p.kl > KL_THRESHOLD);
  if (!alike && !dropped && !lopsided) return null;
  const last = recent[recent.length - 1];
  return { step: last.step, modes: last.modes, bestModes, kl: last.kl, alike };
}
