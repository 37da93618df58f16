// The 2D lab's test hooks, on `window` only with `?faults` like the digits page's (shared/testHooks.ts);
// a lab worker started without it refuses readState (workerName.ts).
import type { Lab2dStateDigest } from '../../shared/lab2dProtocol';
import { labBridge } from '../bridge/lab2dBridge';
import { frames, LAB_STATE_EVENT, useLab } from './lab2dStore';

export function labTestHooks() {
  return {
    /** Each lab's training state as digests (Lab2dStateDigest): weights, Adam's moments, the stream, the step. */
    ganvasLabState: () =>
      new Promise<Lab2dStateDigest[]>((resolve) => {
        addEventListener(LAB_STATE_EVENT, (e) => resolve((e as CustomEvent<Lab2dStateDigest[]>).detail), { once: true });
        labBridge.send({ type: 'readState' });
      }),
    /** The drawn frames and the painted points, to check where the fakes are. */
    ganvasLab: { frames, drawn: () => useLab.getState().drawn },
  };
}
