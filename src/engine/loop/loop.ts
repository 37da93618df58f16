import type { Command } from '../../shared/protocol';
import { assertNever } from '../../shared/protocol';
import { parseCommand, TEST_HOOKS } from '../../shared/commands';
import { messageOf } from '../../shared/errors';
import type { SessionTask, TaskCommand } from './plugin';
import type { TaskRegistry } from './registry';
import type { LoopServices } from './services';
import { BETWEEN_PHASES, isTaskCommand, routeToTask } from './commands';
import { DivergenceGuard } from './guard';
import { Refusal } from './refusal';
import { Runs } from './runs';
import { LoopState, type LoopIO } from './state';
import { Stepper } from './steps';

/** How long an unexpected error waits for the backend loss it may be the first sign of. */
const LOSS_GRACE_MS = 1000;

/**
 * The one training loop (a Lightning Trainer): takes commands at step
 * boundaries, runs, pauses and steps, guards against divergence, batches
 * metrics, autosaves and yields; the task (a plug-in) does the steps. No
 * tfjs here: what needs it comes in as services.
 */
export class TrainingLoop {
  private readonly inbox: Command[] = [];
  private pumping = false;
  private readonly state: LoopState;
  private readonly stepper: Stepper;
  private readonly runs: Runs;

  constructor(io: LoopIO, services: (live: () => SessionTask | null) => LoopServices, tasks: TaskRegistry) {
    this.state = new LoopState(
      io,
      services(() => this.state.task),
      tasks,
    );
    this.stepper = new Stepper(this.state, new DivergenceGuard(this.state));
    this.runs = new Runs(this.state, this.stepper);
  }

  /** The run's task (null while none is built). */
  get task(): SessionTask | null {
    return this.state.task;
  }

  /** Takes a message from the page; anything that is not a valid Command gets an error event and changes nothing. */
  receive(raw: unknown): void {
    let cmd: Command;
    try {
      cmd = parseCommand(raw);
    } catch (e) {
      return this.state.error('command', `Ignored a malformed message: ${messageOf(e)}`, true);
    }
    if (TEST_HOOKS.has(cmd.type) && !this.state.io.testHooks)
      return this.state.error('command', `Ignored '${cmd.type}': test hooks are off (open the page with ?faults).`, true);
    this.inbox.push(cmd);
    void this.pump();
  }

  /** Commands first, then k steps, a measure and an autosave when due, then a yield to let the next messages in. */
  private async pump(): Promise<void> {
    const { state } = this;
    if (this.pumping || state.disposed) return;
    this.pumping = true;
    try {
      for (;;) {
        while (this.inbox.length) await this.runReporting(this.inbox.shift() as Command);
        if (!state.running || !state.task || state.disposed) break;
        await this.runReporting({ type: 'step', n: this.stepper.readEvery(state.task) }, true);
        if (state.task && state.running && this.stepper.measureDue(state.task)) await this.stepper.measure(state.task);
        if (state.task && state.services.autosave.due(state.task.stepCount)) await this.runReporting({ type: 'saveNow' });
        if (state.task) await state.services.record.keepHostCopy(state.task, state.services.backends.name, false);
        await state.io.yieldToEvents();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Runs a command; an error becomes an error event, and a dead backend a failover. */
  private async runReporting(cmd: Command, fromLoop = false): Promise<void> {
    const { services } = this.state;
    try {
      await this.handle(cmd, fromLoop);
    } catch (e) {
      const wasRunning = this.state.running;
      const lost = services.backendFailure(e) ?? (services.isRefusal(e) ? null : await services.backends.lostWithin(LOSS_GRACE_MS));
      if (lost === null) return this.report(e, cmd, fromLoop, wasRunning);
      try {
        await this.runs.failover(lost);
        if (wasRunning) await this.handle({ type: 'start' }, false);
      } catch (e2) {
        this.report(e2, cmd, true, wasRunning);
      }
    }
  }

  private report(e: unknown, cmd: Command, fromLoop: boolean, wasRunning: boolean): void {
    const { state } = this;
    if (fromLoop || !state.services.isRefusal(e)) state.running = false;
    const [code, recoverable] = state.services.classify(e);
    state.error(code, messageOf(e), recoverable);
    if (wasRunning !== state.running || cmd.type === 'init' || cmd.type === 'reset') state.status();
    if (code === 'data') state.io.post({ type: 'status', status: 'error', step: 0 });
  }

  private async handle(cmd: Command, fromLoop: boolean): Promise<void> {
    if (this.stepper.midStep && !BETWEEN_PHASES.has(cmd.type)) await this.stepper.settle();
    if (isTaskCommand(cmd)) return routeToTask(this.state, cmd, () => this.handle({ type: 'pause' }, false));
    switch (cmd.type) {
      case 'init':
        return this.runs.build(cmd.config, cmd.autoModel);
      case 'reset':
        return this.runs.build(cmd.config, false);
      case 'loadRun':
        return this.runs.load(cmd.bytes, cmd.resume);
      case 'start':
      case 'pause':
      case 'step':
      case 'phaseStep':
      case 'setHyperparams':
      case 'dispose':
        return this.control(cmd, fromLoop);
      default:
        return this.serve(cmd);
    }
  }

  /** What changes how the run goes on: run, pause, step, live settings, the end. */
  private async control(
    cmd: Extract<Command, { type: 'start' | 'pause' | 'step' | 'phaseStep' | 'setHyperparams' | 'dispose' }>,
    fromLoop: boolean,
  ): Promise<void> {
    const { state } = this;
    const { stream, services } = state;
    switch (cmd.type) {
      case 'start':
        if (!state.task) throw new Refusal('nothing to train yet: the model is still loading');
        state.running = true;
        stream.startWindow();
        return state.status();
      case 'pause':
        state.running = false;
        stream.metrics(state.task, false);
        await stream.samples(state.task);
        state.status();
        return state.saveNow();
      case 'step':
        return this.stepper.run(cmd.n, fromLoop);
      case 'phaseStep':
        return this.stepper.phase();
      case 'setHyperparams': {
        const task = state.requireTask();
        const params = task.setHyperparams(cmd.params);
        stream.metrics(task, state.running);
        services.record.change(task.stepCount, params);
        return state.io.post({ type: 'hyperparams', step: task.stepCount, params });
      }
      case 'dispose':
        state.running = false;
        state.disposed = true;
        services.inside.dispose();
        this.stepper.reset();
        services.quality.dispose();
        services.lastGood.dispose();
        state.task?.dispose();
        state.task = null;
        return;
    }
  }

  /** What reads the run or works beside it: exports, saves, images, the inside views, test hooks. */
  private async serve(
    cmd: Exclude<Command, { type: 'init' | 'reset' | 'loadRun' | 'start' | 'pause' | 'step' | 'phaseStep' | 'setHyperparams' | 'dispose' } | TaskCommand>,
  ): Promise<void> {
    const { state } = this;
    const { services, io } = state;
    const post = (r: { event: Parameters<LoopIO['post']>[0]; transfer: Transferable[] }) => io.post(r.event, r.transfer);
    switch (cmd.type) {
      case 'exportGenerator':
        return post(await services.exportGenerator(state.requireTask(), services.backends.name));
      case 'exportRun':
        return post(await services.record.exportRun(state.requireTask(), services.backends.name));
      case 'setAutosave':
        services.autosave.intervalMs = cmd.seconds * 1000;
        return;
      case 'saveNow':
        return state.saveNow();
      case 'loadImages':
        return post(await services.data.addOwn(cmd));
      case 'openGenerator':
      case 'sampleGenerator':
      case 'closeGenerator':
      case 'renderLatent':
      case 'exportTimelapse':
      case 'exportSamples':
        return services.inside.handle(cmd);
      case 'fault':
        if (cmd.kind === 'nan' || cmd.kind === 'dropKernel') return services.breakRun(cmd.kind, () => state.requireTask());
        return io.fault(cmd.kind, services.backends.name);
      case 'readState': {
        const task = state.requireTask();
        return io.post({ type: 'stateDigest', digest: await services.digest(task, services.record.history.last() ?? null) });
      }
      case 'measureQuality':
        return this.stepper.measure(state.requireTask());
      default:
        return assertNever(cmd);
    }
  }
}
