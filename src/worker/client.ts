import { buildGeneratorZip, generatorFileName } from '../engine/generatorZip';
import type { Command, RunConfig, WorkerEvent } from '../protocol';
import { useApp } from '../store';
import { saveBlob } from '../download';

/** The one place that owns the worker: starts it, sends commands, routes events. */
class TrainerClient {
  private worker: Worker | null = null;

  start(config: RunConfig, autoModel: boolean): void {
    if (this.worker) return;
    const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'ganvas-trainer' });
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => this.route(e.data);
    worker.onerror = (e) => {
      useApp.getState().notify('error', `The training worker failed: ${e.message || 'unknown error'}`);
      useApp.setState({ status: 'error' });
    };
    worker.onmessageerror = () => useApp.getState().notify('error', 'A message from the training worker could not be read.');
    this.worker = worker;
    this.send({ type: 'init', config, autoModel });
  }

  send(cmd: Command): void {
    this.worker?.postMessage(cmd);
  }

  private route(event: WorkerEvent): void {
    if (event.type === 'exported') {
      const zip = buildGeneratorZip(event.modelJson, event.weights, event.meta);
      saveBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), generatorFileName(event.meta));
      useApp.getState().notify('info', `Generator saved at step ${event.meta.step}.`);
      return;
    }
    useApp.getState().apply(event);
  }
}

export const trainer = new TrainerClient();
