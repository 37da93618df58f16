/// <reference lib="webworker" />
// Thin shell: wires postMessage to the engine's TrainingSession.
import { TrainingSession } from '../engine/session';
import type { WorkerEvent } from '../protocol';
import { saveRun } from '../runStore';
import { detectBackends } from './backends';
import { loadMnist } from './dataLoader';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A MessageChannel round trip is a macrotask without setTimeout's 4 ms clamp,
// so commands get in between steps at almost no cost.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

const session = new TrainingSession({
  post: (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer),
  loadData: (onProgress) => loadMnist(import.meta.env.BASE_URL, onProgress),
  detectBackends,
  yieldToEvents,
  saveRun,
});

scope.onmessage = (e: MessageEvent<unknown>) => session.receive(e.data);
// A message that could not even be deserialised: say so rather than drop it silently.
scope.onmessageerror = () => scope.postMessage({ type: 'error', code: 'command', message: 'A message from the page could not be read.', recoverable: true } satisfies WorkerEvent);
