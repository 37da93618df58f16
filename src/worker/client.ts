import { buildGeneratorZip, generatorFileName } from '../engine/generatorZip';
import type { Command, RunConfig, WorkerEvent } from '../protocol';
import { loadRunBytes } from '../runStore';
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
    this.send({ type: 'setAutosave', seconds: useApp.getState().autosaveSeconds });
    // A hidden tab may be closed next: save what there is (autosave skips it if nothing changed).
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.send({ type: 'saveNow' }));
  }

  /** Files travel as transferables: no copy of megabytes on either side. */
  send(cmd: Command, transfer: Transferable[] = []): void {
    this.worker?.postMessage(cmd, transfer);
  }

  async resume(runId: string): Promise<void> {
    try {
      const bytes = await loadRunBytes(runId);
      useApp.setState({ resumeOffer: null });
      this.send({ type: 'loadRun', bytes, resume: true }, [bytes]);
    } catch (e) {
      useApp.getState().notify('error', `Could not resume: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async importRun(file: File): Promise<void> {
    const bytes = await file.arrayBuffer();
    this.send({ type: 'loadRun', bytes, resume: false }, [bytes]);
  }

  async openGenerator(file: File): Promise<void> {
    const bytes = await file.arrayBuffer();
    this.send({ type: 'openGenerator', bytes, fileName: file.name }, [bytes]);
  }

  private route(event: WorkerEvent): void {
    if (event.type === 'exported') {
      const zip = buildGeneratorZip(event.modelJson, event.weights, event.meta);
      saveBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), generatorFileName(event.meta));
      useApp.getState().notify('info', `Generator saved at step ${event.meta.step}.`);
      return;
    }
    if (event.type === 'runExported') {
      saveBlob(new Blob([event.bytes], { type: 'application/zip' }), event.fileName);
      useApp.getState().notify('info', `Run saved as ${event.fileName}.`);
      return;
    }
    useApp.getState().apply(event);
  }
}

export const trainer = new TrainerClient();
