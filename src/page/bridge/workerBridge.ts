import type { Command, WorkerEvent } from '../../shared/protocol';
import type { Lab2dCommand, Lab2dEvent } from '../../shared/lab2dProtocol';
import type { WorkerHealth } from '../state/healthStore';

/** Every worker beats every 2 s; this much silence means stuck (or compiling shaders for a long time). */
const SILENT_AFTER_MS = 10_000;

/** What the page does with what a bridge hears (the actions that started it). */
export interface BridgeListener<E> {
  event(event: E): void;
  health(health: WorkerHealth): void;
  unreadable(): void;
}

/**
 * The one place that owns a worker's life (squoosh's worker bridge): starts
 * it, watches its heartbeat, restarts it, sends commands and hands every
 * event on. What the events mean is the listener's business. One class for
 * every worker: the training worker and the 2D lab's.
 */
export class WorkerBridge<C, E> {
  private worker: Worker | null = null;
  private listener: BridgeListener<E> | null = null;
  private health: WorkerHealth = { state: 'ok' };
  private lastHeard = 0;
  /** "Keep waiting" silences the warning for a while. */
  private patientUntil = 0;

  /** The worker's name: what it must know before it loads (shared/workerName.ts). */
  private name = '';

  constructor(private readonly create: (name: string) => Worker) {}

  /** Starts the worker once, under `name`, sending `first` before anything else. */
  start(listener: BridgeListener<E>, first: C[], name: string): void {
    if (this.worker) return;
    this.listener = listener;
    this.name = name;
    this.spawn(first);
    setInterval(() => this.checkPulse(), 1000);
  }

  /** A new worker without reloading the page (the old one's memory is gone with it), under a new name if given. */
  restart(first: C[], name = this.name): void {
    if (!this.listener) return;
    this.name = name;
    this.worker?.terminate();
    this.worker = null;
    this.setHealth({ state: 'ok' });
    this.spawn(first);
  }

  keepWaiting(): void {
    this.patientUntil = performance.now() + 60_000;
    this.setHealth({ state: 'ok' });
  }

  /** Files travel as transferables: no copy of megabytes on either side. */
  send(cmd: C, transfer: Transferable[] = []): void {
    this.worker?.postMessage(cmd, transfer);
  }

  private spawn(first: C[]): void {
    const worker = this.create(this.name);
    worker.onmessage = (e: MessageEvent<E>) => {
      this.lastHeard = performance.now();
      if (this.health.state === 'silent') this.setHealth({ state: 'ok' });
      this.listener?.event(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.setHealth({ state: 'crashed', message: e.message || 'unknown error' });
    };
    worker.onmessageerror = () => this.listener?.unreadable();
    this.worker = worker;
    this.lastHeard = performance.now();
    for (const cmd of first) this.send(cmd);
  }

  private checkPulse(): void {
    const silent = performance.now() - this.lastHeard;
    if (silent > SILENT_AFTER_MS && this.health.state !== 'crashed' && performance.now() > this.patientUntil)
      this.setHealth({ state: 'silent', seconds: Math.round(silent / 1000) });
  }

  private setHealth(health: WorkerHealth): void {
    this.health = health;
    this.listener?.health(health);
  }
}

/** The worker that trains every task's networks (digits, super-resolution, sketch, transfer, ...). */
export const trainingWorker = new WorkerBridge<Command, WorkerEvent>(
  (name) => new Worker(new URL('../../worker/trainer.worker.ts', import.meta.url), { type: 'module', name }),
);

/** The 2D lab's worker: its plain-JS networks and their loop. */
export const labWorker = new WorkerBridge<Lab2dCommand, Lab2dEvent>(
  (name) => new Worker(new URL('../../worker/lab2d.worker.ts', import.meta.url), { type: 'module', name }),
);
