// The page's test hooks, on `window` only with `?faults`; the worker refuses them unless its name says so (workerName.ts).
import type { Command, FaultKind, StateDigest } from './protocol';

export function testHooks(send: (cmd: Command) => void) {
  return {
    /** Provokes a failure the app must survive. */
    ganvasFault: (kind: FaultKind) => send({ type: 'fault', kind }),
    /** The worker's training state as digests (see StateDigest). */
    ganvasState: () =>
      new Promise<StateDigest>((resolve) => {
        addEventListener('ganvas-state', (e) => resolve((e as CustomEvent<StateDigest>).detail), { once: true });
        send({ type: 'readState' });
      }),
    /** Exactly n steps on a paused run (the Step button's command, n at a time): budgets in steps, not seconds. */
    ganvasSteps: (n: number) => send({ type: 'step', n }),
    /** A quality evaluation now (a point in the quality panel). */
    ganvasMeasureQuality: () => send({ type: 'measureQuality' }),
  };
}
