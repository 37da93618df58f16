import type { Lab2dCommand, Lab2dEvent } from '../../shared/lab2dProtocol';
import { labWorkerName } from '../../shared/workerName';

/** Owns the 2D lab's worker: starts it once, sends commands, hands events on. */
class Lab2dBridge {
  private worker: Worker | null = null;

  /** `testHooks`: start the worker under the name that makes it answer the test hooks (`?faults`). */
  start(listener: (e: Lab2dEvent) => void, testHooks: boolean): void {
    if (this.worker) return;
    this.worker = new Worker(new URL('../../worker/lab2d.worker.ts', import.meta.url), { type: 'module', name: labWorkerName(testHooks) });
    this.worker.onmessage = (e: MessageEvent<Lab2dEvent>) => listener(e.data);
    this.worker.onerror = (e) => listener({ type: 'error', message: `The 2D lab's worker stopped: ${e.message}` });
  }

  send(cmd: Lab2dCommand, transfer: Transferable[] = []): void {
    this.worker?.postMessage(cmd, transfer);
  }
}

export const labWorker = new Lab2dBridge();
