/// <reference lib="webworker" />
// Thin shell: wires postMessage to the 2D lab's session and runs its loop.
import { Lab2dSession } from '../engine/lab2d/session';
import type { Lab2dEvent } from '../shared/lab2dProtocol';
import { readLabWorkerName } from '../shared/workerName';
import { yieldToEvents } from './yieldToEvents';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: Lab2dEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
// The worker's autosave clock decides when and packs what; the page writes the bytes where its resume offer reads them.
const storeOnPage = (bytes: Uint8Array, step: number) => post({ type: 'runFile', bytes, step, purpose: 'autosave' }, [bytes.buffer]);
const session = new Lab2dSession(post, undefined, readLabWorkerName(scope.name).testHooks, storeOnPage);

let training = false;
/** Slices of training while the run runs, each after the loop's yield, so commands come in between. */
async function train(): Promise<void> {
  if (training) return;
  training = true;
  try {
    for (;;) {
      await yieldToEvents();
      if (!session.isRunning) return;
      session.tick();
    }
  } finally {
    training = false;
  }
}

scope.onmessage = (e: MessageEvent) => {
  session.receive(e.data);
  if (session.isRunning) void train();
};

// The page's bridge warns after 10 s without a message: beat even while paused.
setInterval(() => post({ type: 'heartbeat' }), 2000);
