import { MAX_FILE_BYTES } from '../engine/commands';
import { TEST_HOOKS_NAME } from './testHooks';
import { buildGeneratorZip, generatorFileName } from '../engine/generatorZip';
import type { Command, RunConfig, WorkerEvent } from '../protocol';
import { loadRunBytes } from '../runStore';
import { useApp } from '../store';
import { saveBlob } from '../download';
import { applyInside, INSIDE_EVENTS } from '../insideStore';

/** The worker beats every 2 s; this much silence means stuck (or compiling shaders for a long time). */
const SILENT_AFTER_MS = 10_000;

/** The one place that owns the worker: starts it, watches it, restarts it, sends commands, routes events. */
class TrainerClient {
  private worker: Worker | null = null;
  private lastHeard = 0;
  /** "Keep waiting" silences the warning for a while. */
  private patientUntil = 0;
  private initial: { config: RunConfig; autoModel: boolean } | null = null;
  /** The worker accepts test hooks (faults, state reads) only if started with them (its name says so). */
  private testHooks = false;

  start(config: RunConfig, autoModel: boolean, testHooks = false): void {
    if (this.worker) return;
    this.testHooks = testHooks;
    this.initial = { config, autoModel };
    this.spawn(config, autoModel);
    setInterval(() => this.checkPulse(), 1000);
    // A hidden tab may be closed next: save what there is (autosave skips it if nothing changed).
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.send({ type: 'saveNow' }));
  }

  private spawn(config: RunConfig, autoModel: boolean): void {
    const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: this.testHooks ? TEST_HOOKS_NAME : 'ganvas-trainer' });
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      this.lastHeard = performance.now();
      if (useApp.getState().worker.state === 'silent') useApp.setState({ worker: { state: 'ok' } });
      this.route(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      useApp.setState({ worker: { state: 'crashed', message: e.message || 'unknown error' } });
    };
    worker.onmessageerror = () => useApp.getState().notify('error', 'A message from the training worker could not be read.');
    this.worker = worker;
    this.lastHeard = performance.now();
    this.send({ type: 'init', config, autoModel });
    this.send({ type: 'setAutosave', seconds: useApp.getState().autosaveSeconds });
  }

  private checkPulse(): void {
    const silent = performance.now() - this.lastHeard;
    const { worker } = useApp.getState();
    if (silent > SILENT_AFTER_MS && worker.state !== 'crashed' && performance.now() > this.patientUntil) useApp.setState({ worker: { state: 'silent', seconds: Math.round(silent / 1000) } });
  }

  /**
   * A new worker without reloading the page, continuing from the run's last
   * save when there is one (the old worker's memory is gone with it).
   */
  async restart(): Promise<void> {
    if (!this.initial) return;
    const { config, runId, runs } = useApp.getState();
    this.worker?.terminate();
    this.worker = null;
    useApp.setState({ worker: { state: 'ok' }, status: 'loading', progress: 'Restarting the training worker…', config: null });
    const saved = runs.find((r) => r.runId === runId);
    this.spawn(config ?? this.initial.config, config === null && this.initial.autoModel);
    if (saved) await this.resume(saved.runId);
    else useApp.getState().notify('info', 'The worker restarted. This run had no save yet, so it starts fresh.');
  }

  keepWaiting(): void {
    this.patientUntil = performance.now() + 60_000;
    useApp.setState({ worker: { state: 'ok' } });
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
    const bytes = await readFile(file);
    if (bytes) this.send({ type: 'loadRun', bytes, resume: false }, [bytes]);
  }

  async openGenerator(file: File): Promise<void> {
    const bytes = await readFile(file);
    if (bytes) this.send({ type: 'openGenerator', bytes, fileName: file.name }, [bytes]);
  }

  private route(event: WorkerEvent): void {
    if (event.type === 'exported') {
      const zip = buildGeneratorZip(event.modelJson, event.weights, event.meta);
      saveBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), generatorFileName(event.meta));
      useApp.getState().notify('info', `Generator saved at step ${event.meta.step}.`);
      return;
    }
    if (event.type === 'stateDigest') {
      dispatchEvent(new CustomEvent('ganvas-state', { detail: event.digest }));
      return;
    }
    if (event.type === 'runExported') {
      saveBlob(new Blob([event.bytes], { type: 'application/zip' }), event.fileName);
      useApp.getState().notify('info', `Run saved as ${event.fileName}.`);
      return;
    }
    applyInside(event);
    if (!INSIDE_EVENTS.has(event.type)) useApp.getState().apply(event);
  }
}

/** A picked file's bytes, unless it is too big to be a run or a generator (refused before reading gigabytes into the page). */
async function readFile(file: File): Promise<ArrayBuffer | null> {
  if (file.size <= MAX_FILE_BYTES) return file.arrayBuffer();
  useApp.getState().notify('error', `${file.name} is ${(file.size / 2 ** 30).toFixed(1)} GB; a ganvas file is at most ${MAX_FILE_BYTES / 2 ** 30} GB. Nothing was loaded.`);
  return null;
}

export const trainer = new TrainerClient();
