/// <reference lib="webworker" />
// Thin shell: wires postMessage to the 2D lab's session and runs its loop.
import { Lab2dSession } from '../engine/lab2d/session';
import type { Lab2dEvent } from '../shared/lab2dProtocol';
import { readLabWorkerName } from '../shared/workerName';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: Lab2dEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
// The worker's autosave clock decides when and packs what; the page writes the bytes where its resume offer reads them.
const storeOnPage = (bytes: Uint8Array, step: number) => post({ type: 'runFile', bytes, step, purpose: 'autosave' }, [bytes.buffer]);
const session = new Lab2dSession(post, undefined, readLabWorkerName(scope.name).testHooks, storeOnPage);

// A MessageChannel round trip yields to incoming commands without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  if (!session.isRunning) return;
  session.tick();
  schedule();
};
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(0);
}

scope.onmessage = (e: MessageEvent) => {
  session.receive(e.data);
  if (session.isRunning) schedule();
};

// The page's bridge warns after 10 s without a message: beat even while paused.
setInterval(() => post({ type: 'heartbeat' }), 2000);
