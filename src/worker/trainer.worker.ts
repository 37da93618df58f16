/// <reference lib="webworker" />
// Thin shell: wires postMessage to the engine's TrainingSession.
import { TrainingSession } from '../engine/session/session';
import type { WorkerEvent } from '../shared/protocol';
import { detectBackends, loseBackend, watchBackend } from './backends';
import { saveRunInBackground } from './saver';
import { decodeImage } from './decodeImage';
import { encodePng } from './pngEncoder';
import { readTrainerWorkerName } from '../shared/workerName';
import { loadDataset, loadQualityFiles } from './dataLoader';
import { yieldToEvents } from './yieldToEvents';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Longer than the page's 10 s of patience, so a stall shows the banner before it ends. */
const STALL_MS = 15_000;

const session = new TrainingSession({
  post: (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer),
  decodeImage,
  loadData: (dataset, onProgress, split) => loadDataset(import.meta.env.BASE_URL, dataset, onProgress, split),
  loadQuality: (dataset) => loadQualityFiles(import.meta.env.BASE_URL, dataset),
  detectBackends,
  yieldToEvents,
  saveRun: saveRunInBackground,
  watchBackend,
  encodePng,
  testHooks: readTrainerWorkerName(scope.name).testHooks,
  fault: (kind, backend) => {
    if (kind === 'loseBackend') return loseBackend(backend);
    // Outside any handler, so nothing catches it: what a real bug or a dying worker looks like to the page.
    setTimeout(() => {
      if (kind === 'crash') throw new Error('injected fault: the training worker crashed');
      for (const end = kind === 'stall' ? performance.now() + STALL_MS : Infinity; performance.now() < end;) {
        // hang: never return, never answer (a stall: not for a while)
      }
    });
  },
});

// Silence longer than a few beats tells the page the worker is stuck or gone.
setInterval(() => scope.postMessage({ type: 'heartbeat' } satisfies WorkerEvent), 2000);

scope.onmessage = (e: MessageEvent<unknown>) => session.receive(e.data);
// A message that could not even be deserialised: say so rather than drop it silently.
scope.onmessageerror = () =>
  scope.postMessage({ type: 'error', code: 'command', message: 'A message from the page could not be read.', recoverable: true } satisfies WorkerEvent);
