import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport, Command, ErrorCode, FaultKind, RunConfig } from '../protocol';
import { assertNever } from '../protocol';
import { BackendError, recommendModel } from './backend';
import { parseCommand } from './commands';
import { DataError, type ImageSet } from './data/mnist';
import { applyRun, readRunFor } from './checkpoint';
import { generatorExport } from './export';
import { GeneratorFileError } from './generatorZip';
import { GeneratorViewer } from './generatorViewer';
import { BackendFailure, salvage } from './failover';
import { LastGood } from './lastGood';
import { RunFileError, type RunArchive } from './runArchive';
import { Autosave, RunRecord, type SaveIO } from './runRecord';
import { defaultConfig, describeErrors, validateConfig } from './hyperparams';
import { Backends } from './sessionBackends';
import { SessionStream } from './sessionStream';
import { GanTrainer, HyperparamError } from './trainer';

export interface SessionIO extends SaveIO {
  /** Calls `onLost` if the backend dies (WebGL context lost, WebGPU device lost). */
  watchBackend(name: BackendName, onLost: (reason: string) => void): void;
  /** The faults only the worker shell can cause. */
  fault(kind: 'loseBackend' | 'crash' | 'hang', backend: BackendName): void;
  loadData(onProgress: (msg: string) => void): Promise<ImageSet>;
  detectBackends(only?: BackendName): Promise<BackendReport[]>;
  /** Lets queued messages in between steps (a macrotask yield). */
  yieldToEvents(): Promise<void>;
}

type LoadedFrom = 'resume' | 'import' | 'failover';

const LOOP_BUDGET_MS = 25;

/**
 * The training loop behind the worker: applies commands at step boundaries,
 * batches metrics (<= ~10 messages/s) and refreshes the sample grid.
 */
export class TrainingSession {
  private inbox: Command[] = [];
  private pumping = false;
  private running = false;
  private trainer: GanTrainer | null = null;
  private data: ImageSet | null = null;
  private readonly backends: Backends;
  private readonly stream: SessionStream;
  private msPerStep = Infinity;
  private readonly lastGood = new LastGood();
  private disposed = false;
  private readonly record = new RunRecord();
  private readonly autosave: Autosave;
  private readonly viewer = new GeneratorViewer();

  constructor(private readonly io: SessionIO) {
    this.autosave = new Autosave(io);
    this.backends = new Backends(io);
    this.stream = new SessionStream((e, t) => io.post(e, t));
  }

  /** Takes a message from the page; anything that is not a valid Command gets an error event and changes nothing. */
  receive(raw: unknown): void {
    let cmd: Command;
    try {
      cmd = parseCommand(raw);
    } catch (e) {
      return this.error('command', `Ignored a malformed message: ${e instanceof Error ? e.message : String(e)}`, true);
    }
    this.inbox.push(cmd);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.disposed) return;
    this.pumping = true;
    try {
      for (;;) {
        while (this.inbox.length) await this.safely(this.inbox.shift() as Command);
        if (!this.running || !this.trainer || this.disposed) break;
        await this.safely({ type: 'step', n: this.readEvery(this.trainer) }, true);
        if (this.trainer && this.autosave.due(this.trainer.stepCount)) await this.safely({ type: 'saveNow' });
        if (this.trainer) await this.record.keepHostCopy(this.trainer, this.backends.name, false);
        await this.io.yieldToEvents();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async safely(cmd: Command, fromLoop = false): Promise<void> {
    try {
      await this.handle(cmd, fromLoop);
    } catch (e) {
      const wasRunning = this.running;
      if (!(e instanceof BackendFailure)) return this.report(e, cmd, fromLoop, wasRunning);
      try {
        await this.failover(e.message, wasRunning);
      } catch (e2) {
        this.report(e2, cmd, true, wasRunning);
      }
    }
  }

  private report(e: unknown, cmd: Command, fromLoop: boolean, wasRunning: boolean): void {
    // A refused command (bad hyperparameters, a bad reset, a bad file) changes nothing, so a running run keeps running.
    if (fromLoop || !isRefusal(e)) this.running = false;
    const [code, recoverable] = classify(e);
    this.error(code, e instanceof Error ? e.message : String(e), recoverable);
    if (wasRunning !== this.running || cmd.type === 'init' || cmd.type === 'reset') this.status();
    if (code === 'data') this.io.post({ type: 'status', status: 'error', step: 0 });
  }

  /**
   * The backend died: continue on the next one from the best copy there is
   * (read from the dying backend if it still can be, else the host copy).
   */
  private async failover(reason: string, wasRunning: boolean): Promise<void> {
    const trainer = this.requireTrainer();
    const from = this.backends.name;
    const reachedStep = trainer.stepCount;
    this.running = false;
    const { run, exact } = await salvage(trainer, this.record, from, this.backends.deviceGone);
    await this.backends.fail(reason);
    const config: RunConfig = { ...trainer.config };
    delete config.backend; // a forced backend that died is forced no more
    await this.build(config, false, { run, from: 'failover' });
    const where = exact ? `lost nothing (step ${run.meta.step})` : `went back to step ${run.meta.step}, the last copy (${reachedStep - run.meta.step} steps lost)`;
    this.error('backend', `${from} stopped working: ${reason}. Training moved to ${this.backends.name} and ${where}.`, true);
    if (wasRunning) await this.handle({ type: 'start' }, false);
  }

  private async handle(cmd: Command, fromLoop: boolean): Promise<void> {
    switch (cmd.type) {
      case 'init':
        return this.build(cmd.config, cmd.autoModel);
      case 'reset':
        return this.build(cmd.config, false);
      case 'start':
        if (!this.trainer) throw new HyperparamError('nothing to train yet: the model is still loading');
        this.running = true;
        this.stream.startWindow();
        return this.status();
      case 'pause':
        this.running = false;
        this.stream.metrics(this.trainer, false);
        await this.stream.samples(this.trainer);
        this.status();
        return this.saveNow();
      case 'step':
        return this.runSteps(cmd.n, fromLoop);
      case 'setHyperparams': {
        const trainer = this.requireTrainer();
        const params = trainer.setHyperparams(cmd.params);
        this.stream.metrics(trainer, this.running);
        this.record.change(trainer.stepCount, params);
        return this.io.post({ type: 'hyperparams', step: trainer.stepCount, params });
      }
      case 'setSampleClass':
        this.requireTrainer().setSampleClass(cmd.classIndex);
        return this.stream.samples(this.trainer);
      case 'exportGenerator': {
        const { event, transfer } = await generatorExport(this.requireTrainer(), this.backends.name);
        return this.io.post(event, transfer);
      }
      case 'exportRun': {
        const { event, transfer } = await this.record.exportRun(this.requireTrainer(), this.backends.name);
        return this.io.post(event, transfer);
      }
      case 'loadRun':
        return this.loadRun(cmd.bytes, cmd.resume);
      case 'setAutosave':
        this.autosave.intervalMs = cmd.seconds * 1000;
        return;
      case 'saveNow':
        return this.saveNow();
      case 'openGenerator':
      case 'sampleGenerator':
      case 'closeGenerator':
        return this.viewer.handle(cmd, (e, t) => this.io.post(e, t));
      case 'fault':
        return this.fault(cmd.kind);
      case 'dispose':
        this.running = false;
        this.disposed = true;
        this.viewer.close();
        this.lastGood.dispose();
        this.trainer?.dispose();
        this.trainer = null;
        return;
      default:
        return assertNever(cmd);
    }
  }

  private requireTrainer(): GanTrainer {
    if (!this.trainer) throw new HyperparamError('no model yet: wait for it to load');
    return this.trainer;
  }

  private async build(requested: RunConfig, autoModel: boolean, loaded?: { run: RunArchive; from: LoadedFrom }): Promise<void> {
    const data = await this.loadData();
    const reports = await this.backends.detected(requested.backend);
    const config = autoModel ? { ...defaultConfig(recommendModel(reports)), seed: requested.seed, backend: requested.backend } : requested;
    // Validate before tearing down the current run, so a bad reset loses nothing.
    const errors = validateConfig(config);
    if (Object.keys(errors).length) throw new HyperparamError(describeErrors(errors));
    this.msPerStep = Infinity; // the next model's step time is unknown: start with k = 1
    this.running = false;
    this.stream.clear();
    this.trainer?.dispose();
    this.trainer = null;
    const choice = await this.backends.use(config, data, (message) => this.io.post({ type: 'progress', message }));
    const trainer = new GanTrainer(config, data);
    this.trainer = trainer;
    if (loaded) {
      applyRun(trainer, loaded.run);
      this.record.adopt(loaded.run, loaded.from !== 'import');
    } else {
      this.record.fresh();
    }
    this.autosave.restart(loaded && loaded.from !== 'import' ? trainer.stepCount : -1);
    await this.record.keepHostCopy(trainer, this.backends.name, true);
    this.lastGood.keep(trainer);
    const metrics = loaded ? this.record.history.toRows() : null;
    this.io.post(
      {
        type: 'ready',
        backend: choice.name,
        reason: choice.reason,
        reports: choice.reports,
        config,
        live: trainer.hyperparams,
        trainImages: data.count,
        runId: this.record.runId,
        ...(loaded && metrics ? { loaded: { from: loaded.from, step: trainer.stepCount, metrics, changes: [...this.record.changes] } } : {}),
      },
      metrics ? [metrics.buffer] : [],
    );
    this.status();
    await this.stream.samples(trainer);
    this.stream.memory();
  }

  private async loadData(): Promise<ImageSet> {
    this.data ??= await this.io.loadData((message) => this.io.post({ type: 'progress', message }));
    return this.data;
  }

  /** Every check runs before the current run is touched: a bad file leaves it training as it was. */
  private async loadRun(bytes: ArrayBuffer, resume: boolean): Promise<void> {
    const { run, config } = readRunFor(bytes, (await this.loadData()).count, this.trainer?.config);
    await this.build(config, false, { run, from: resume ? 'resume' : 'import' });
  }

  private fault(kind: FaultKind): void {
    if (kind === 'nan') {
      const w = this.requireTrainer().gan.generator.weights[0];
      tf.tidy(() => void w.write(tf.fill(w.shape as number[], NaN)));
    } else if (kind === 'dropKernel') {
      // Every model has a ReLU: the next step cannot run here.
      tf.unregisterKernel('Relu', this.backends.name);
    } else {
      this.io.fault(kind, this.backends.name);
    }
  }

  private async saveNow(): Promise<void> {
    if (this.trainer) await this.autosave.save(this.trainer, this.record, this.backends.name, this.stream.lastGrid);
  }

  private async runSteps(n: number, fromLoop: boolean): Promise<void> {
    const trainer = this.requireTrainer();
    if (!fromLoop && this.running) return; // Step is for a paused run.
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new HyperparamError('step count must be 1..1000');
    for (let done = 0; done < n; ) {
      const k = Math.min(n - done, this.readEvery(trainer));
      const started = performance.now();
      const points = await this.backends.steps(trainer, k);
      this.msPerStep = (performance.now() - started) / k;
      done += k;
      this.stream.add(points);
      this.record.record(points);
      const bad = points.find((p) => ![p.dLoss, p.gLoss, p.dReal, p.dFake].every(Number.isFinite));
      if (bad) return this.rollBack(trainer, `A loss became NaN or infinite at step ${bad.step}`);
      // A NaN weight need not reach a loss (a BatchNorm moving mean is unused in training): check before keeping a copy.
      if (this.lastGood.due(trainer, k)) {
        if (!(await trainer.weightsFinite())) return this.rollBack(trainer, `A weight became NaN or infinite by step ${trainer.stepCount}`);
        this.lastGood.keep(trainer);
      }
    }
    await this.stream.flushDue(trainer, this.running, !fromLoop);
    if (!fromLoop) this.status();
  }

  /**
   * Steps per loss read-back: the run's `readEvery` if set, else as many as
   * fit in ~25 ms (up to 10), so a GPU stays fed while a command still gets
   * in within a frame or two.
   */
  private readEvery(trainer: GanTrainer): number {
    return trainer.config.readEvery ?? Math.max(1, Math.min(10, Math.floor(LOOP_BUDGET_MS / Math.max(this.msPerStep, 0.1))));
  }

  /** After a NaN: back to the last good copy, paused, with the history trimmed to it and a message on what to try. */
  private async rollBack(trainer: GanTrainer, what: string): Promise<void> {
    this.running = false;
    this.stream.dropAfter(this.lastGood.step);
    this.stream.metrics(trainer, false);
    const step = this.lastGood.restore(trainer);
    this.record.rollBack(step);
    this.io.post({ type: 'rolledBack', step });
    const { gLearningRate: g, dLearningRate: d } = trainer.hyperparams;
    this.error(
      'nan',
      `${what}. Training paused and went back to step ${step}, the last good state. ` +
        `Lower the learning rates (now G ${g}, D ${d}) and press Train.`,
      true,
    );
    this.status();
    await this.stream.samples(trainer);
  }

  private status(): void {
    const step = this.trainer?.stepCount ?? 0;
    const status = this.running ? 'running' : this.trainer ? 'paused' : this.data ? 'error' : 'loading';
    this.io.post({ type: 'status', status, step });
  }

  private error(code: ErrorCode, message: string, recoverable: boolean): void {
    this.io.post({ type: 'error', code, message, recoverable });
  }
}

function isRefusal(e: unknown): boolean {
  return e instanceof HyperparamError || e instanceof RunFileError || e instanceof GeneratorFileError;
}

function classify(e: unknown): [ErrorCode, boolean] {
  if (e instanceof DataError) return ['data', false];
  if (e instanceof HyperparamError) return ['hyperparams', true];
  if (e instanceof BackendError) return ['backend', true];
  if (e instanceof RunFileError || e instanceof GeneratorFileError) return ['import', true];
  return ['internal', true];
}
