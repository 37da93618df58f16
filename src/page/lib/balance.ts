import type { MetricHistory } from '../../shared/metricHistory';

/** Who has the upper hand, from the detective's (D's) smoothed outputs. */
export type Balance = 'detective' | 'balanced' | 'forger';

/** Points smoothed over, newest last, and the EMA weight of each new point (~10 points' memory). */
export const BALANCE_WINDOW = 50;
export const BALANCE_ALPHA = 0.1;
/**
 * Smoothed D(G(z)) below this: D rejects nearly every fake, so G's gradient
 * through D is weak ("detective winning").
 */
export const DETECTIVE_WINS_BELOW = 0.2;
/** Smoothed D(G(z)) above this, or above D(x): D takes fakes for real ("forger fooling"). */
export const FORGER_WINS_ABOVE = 0.6;

export interface BalanceReading {
  dReal: number;
  dFake: number;
  state: Balance;
}

/** An exponential moving average of D(x) and D(G(z)) over the last points; null before the first step. */
export function readBalance(history: MetricHistory, window = BALANCE_WINDOW, alpha = BALANCE_ALPHA): BalanceReading | null {
  const n = history.length;
  if (!n) return null;
  const from = Math.max(0, n - window);
  let dReal = history.value(from, 'dReal');
  let dFake = history.value(from, 'dFake');
  for (let i = from + 1; i < n; i++) {
    dReal += alpha * (history.value(i, 'dReal') - dReal);
    dFake += alpha * (history.value(i, 'dFake') - dFake);
  }
  return { dReal, dFake, state: balanceOf(dReal, dFake) };
}

export function balanceOf(dReal: number, dFake: number): Balance {
  if (dFake > FORGER_WINS_ABOVE || dFake > dReal) return 'forger';
  if (dFake < DETECTIVE_WINS_BELOW) return 'detective';
  return 'balanced';
}
