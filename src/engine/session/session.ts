import type { Command, RunConfig } from '../../shared/protocol';
import { assertNever } from '../../shared/protocol';
import { recommendModel } from '../backends/backend';
import { parseCommand, TEST_HOOKS } from '../../shared/commands';
import { digestState } from './stateDigest';
import { classify, isRefusal } from './errors';
import { applyRun, readRunFor } from '../runfile/checkpoint';
import { generatorExport } from '../export/export';
import { BackendFailure, salvage } from '../backends/failover';
import type { RunArchive } from '../runfile/runArchive';
import { defaultConfig, describeErrors, validateConfig } from '../../shared/hyperparams';
import { GanTrainer, HyperparamError } from '../tasks/generate/trainer';
import { buildTask, summarizeTask } from './tasks';
import { runStudy, translateDrawing, upscaleOwn } from './playCommands';
import { messageOf } from '../../shared/errors';
import { SessionCore } from '../loop/core';

type LoadedFrom = 'resume' | 'import' | 'failover';

/** How long an unexpected error waits for the backend loss it may be the first sign of. */
const LOSS_GRACE_MS = 1000;

/** Commands that may come between two phases of a step; any other first settles the step in progress. */
const BETWEEN_PHASES = new Set<Command['type']>([
  'phaseStep',
  'setHyperparams',
  'setAutosave',
  'openGenerator',
  'sampleGenerator',
  'closeGenerator',
  'fault',
  'dispose',
]);

/**
 * The training loop behind the worker: applies commands at step boundaries,
 * batches metrics (<= ~10 messages/s) and refreshes the sample grid.
 */
export class TrainingSession extends SessionCore {
  /** Takes a message from the page; anything that is not a valid Command gets an error event and changes nothing. */
  receive(raw: unknown): void {
    let cmd: Command;
    try {
      cmd = parseCommand(raw);
    } catch (e) {
      return this.error('command', `Ignored a malformed message: ${messageOf(e)}`, true);
    }
    if (TEST_HOOKS.has(cmd.type) && !this.io.testHooks)
      return this.error('command', `Ignored '${cmd.type}': test hooks are off (open the page with ?faults).`, true);
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
        if (this.trainer && this.running && this.quality.due(this.trainer.config.dataset, this.trainer instanceof GanTrainer))
          await this.measureQuality(this.trainer);
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
      const lost = e instanceof BackendFailure ? e.message : isRefusal(e) ? null : await this.backends.lostWithin(LOSS_GRACE_MS);
      if (lost === null) return this.report(e, cmd, fromLoop, wasRunning);
      try {
        await this.failover(lost, wasRunning);
      } catch (e2) {
        this.report(e2, cmd, true, wasRunning);
      }
    }
  }

  private report(e: unknown, cmd: Command, fromLoop: boolean, wasRunning: boolean): void {
    if (fromLoop || !isRefusal(e)) this.running = false;
    const [code, recoverable] = classify(e);
    this.error(code, messageOf(e), recoverable);
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
    this.quality.dispose(); // its weights lived on the backend that died
    const config: RunConfig = { ...trainer.config };
    delete config.backend; // a forced backend that died is forced no more
    await this.build(config, false, { run, from: 'failover' });
    const where = exact
      ? `lost nothing (step ${run.meta.step})`
      : `went back to step ${run.meta.step}, the last copy (${reachedStep - run.meta.step} steps lost)`;
    this.error('backend', `${from} stopped working: ${reason}. Training moved to ${this.backends.name} and ${where}.`, true);
    if (wasRunning) await this.handle({ type: 'start' }, false);
  }

  private async handle(cmd: Command, fromLoop: boolean): Promise<void> {
    if (this.phases && !BETWEEN_PHASES.has(cmd.type)) await this.settlePhases();
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
      case 'phaseStep':
        return this.phaseStep();
      case 'setHyperparams': {
        const trainer = this.requireTrainer();
        const params = trainer.setHyperparams(cmd.params);
        this.stream.metrics(trainer, this.running);
        this.record.change(trainer.stepCount, params);
        return this.io.post({ type: 'hyperparams', step: trainer.stepCount, params });
      }
      case 'setSampleClass':
        this.requireGan('Picking the digit the grid shows').setSampleClass(cmd.classIndex);
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
      case 'loadImages': {
        const { event, transfer } = await this.data.addOwn(cmd);
        return this.io.post(event, transfer);
      }
      case 'openGenerator':
      case 'sampleGenerator':
      case 'closeGenerator':
      case 'renderLatent':
      case 'exportTimelapse':
      case 'exportSamples':
        return this.inside.handle(cmd);
      case 'translate':
        return translateDrawing(this.trainer, this.inside.viewer, cmd, (e, t) => this.io.post(e, t));
      case 'upscale':
        return upscaleOwn(this.trainer, this.inside.viewer, cmd, (e, t) => this.io.post(e, t));
      case 'runStudy':
        return this.study(cmd);
      case 'fault':
        return this.fault(cmd.kind);
      case 'readState': {
        const trainer = this.requireTrainer();
        return this.io.post({ type: 'stateDigest', digest: await digestState(trainer, this.record.history.last() ?? null) });
      }
      case 'measureQuality':
        return this.measureQuality(this.requireTrainer());
      case 'dispose':
        this.running = false;
        this.disposed = true;
        this.inside.dispose();
        this.phases?.dispose();
        this.quality.dispose();
        this.lastGood.dispose();
        this.trainer?.dispose();
        this.trainer = null;
        return;
      default:
        return assertNever(cmd);
    }
  }

  private async build(requested: RunConfig, autoModel: boolean, loaded?: { run: RunArchive; from: LoadedFrom }): Promise<void> {
    const data = await this.taskData(requested);
    const reports = await this.backends.detected(requested.backend);
    const config = autoModel
      ? { ...defaultConfig(recommendModel(reports)), dataset: requested.dataset, seed: requested.seed, backend: requested.backend }
      : requested;
    // Validate before tearing down the current run, so a bad reset loses nothing.
    const errors = validateConfig(config);
    if (Object.keys(errors).length) throw new HyperparamError(describeErrors(errors));
    this.msPerStep = Infinity; // the next model's step time is unknown: start with k = 1
    this.running = false;
    this.stream.clear();
    this.phases?.dispose();
    this.phases = null;
    this.trainer?.dispose();
    this.trainer = null;
    const choice = await this.backends.use(config, data, (message) => this.io.post({ type: 'progress', message }));
    const trainer = buildTask(config, data);
    this.trainer = trainer;
    if (loaded) {
      applyRun(trainer, loaded.run);
      this.record.adopt(loaded.run, loaded.from !== 'import');
    } else {
      this.record.fresh();
    }
    this.record.images = config.dataset === 'custom' ? data.train : null;
    this.autosave.restart(loaded && loaded.from !== 'import' ? trainer.stepCount : -1);
    this.quality.restart();
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
        trainImages: data.train.count,
        runId: this.record.runId,
        summary: summarizeTask(trainer),
        ...(loaded && metrics
          ? {
              loaded: {
                from: loaded.from,
                step: trainer.stepCount,
                metrics,
                changes: [...this.record.changes],
                quality: [...this.record.quality],
                taskScores: [...this.record.taskScores],
              },
            }
          : {}),
      },
      metrics ? [metrics.buffer] : [],
    );
    this.status();
    this.inside.reset();
    await this.stream.samples(trainer);
    this.stream.memory();
  }

  /** Every check runs before the current run is touched: a bad file leaves it training as it was. */
  private async loadRun(bytes: ArrayBuffer, resume: boolean): Promise<void> {
    const { run, config } = await readRunFor(bytes, async (dataset) => ({ dataset, count: (await this.loadData(dataset)).count }), this.trainer?.config);
    if (run.images) {
      const { event, transfer } = this.data.adoptOwn(run.images, run.meta.sampler.count);
      this.io.post(event, transfer);
    }
    await this.build(config, false, { run, from: resume ? 'resume' : 'import' });
  }

  /** The study pauses training (it needs the generator as it is) and reports as it goes. */
  private async study(cmd: Extract<Command, { type: 'runStudy' }>): Promise<void> {
    const task = this.requireTrainer();
    if (this.running) await this.handle({ type: 'pause' }, false);
    await runStudy(task, cmd, {
      post: (e, t) => this.io.post(e, t),
      sets: () => this.data.withHeldOut(task.config.dataset, (message) => this.io.post({ type: 'progress', message })),
      yieldToEvents: () => this.io.yieldToEvents(),
    });
  }

  private async runSteps(n: number, fromLoop: boolean): Promise<void> {
    const trainer = this.requireTrainer();
    if (!fromLoop && this.running) return; // Step is for a paused run.
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new HyperparamError('step count must be 1..1000');
    for (let done = 0; done < n;) {
      const k = Math.min(n - done, this.readEvery(trainer));
      const started = performance.now();
      const points = await this.backends.steps(trainer, k);
      const ms = performance.now() - started;
      this.msPerStep = ms / k;
      this.quality.trained(ms);
      done += k;
      if (!(await this.took(trainer, points))) return;
    }
    await this.stream.flushDue(trainer, this.running, !fromLoop);
    if (!fromLoop) this.status();
  }
}
