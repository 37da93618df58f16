import { TASK_LABELS } from '../../shared/tasks';
import { messageOf } from '../../shared/errors';
import type { PhaseSteps, SessionTask } from './plugin';
import { Refusal } from './refusal';
import type { DivergenceGuard } from './guard';
import type { LoopState } from './state';

/** Milliseconds of steps between two loss read-backs (and looks at the inbox). */
const LOOP_BUDGET_MS = 25;

/** Taking steps: k at a time with one read-back, or one phase at a time (Step phase); and measuring between them. */
export class Stepper {
  msPerStep = Infinity;
  /** A step being taken phase by phase (null when none is). */
  private phases: PhaseSteps | null = null;

  constructor(
    private readonly state: LoopState,
    private readonly guard: DivergenceGuard,
  ) {}

  get midStep(): boolean {
    return this.phases !== null;
  }

  /**
   * Steps per loss read-back: the run's `readEvery` if set, else as many as
   * fit in ~25 ms (up to 10), so a GPU stays fed while a command still gets
   * in within a frame or two.
   */
  readEvery(task: SessionTask): number {
    return task.config.readEvery ?? Math.max(1, Math.min(10, Math.floor(LOOP_BUDGET_MS / Math.max(this.msPerStep, 0.1))));
  }

  /** n steps; from the loop while running, or Step on a paused run. */
  async run(n: number, fromLoop: boolean): Promise<void> {
    const { state } = this;
    const task = state.requireTask();
    if (!fromLoop && state.running) return; // Step is for a paused run.
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Refusal('step count must be 1..1000');
    for (let done = 0; done < n;) {
      const k = Math.min(n - done, this.readEvery(task));
      const started = performance.now();
      const points = await state.services.backends.steps(task, k);
      const ms = performance.now() - started;
      this.msPerStep = ms / k;
      state.services.quality.trained(ms);
      done += k;
      if (!(await this.guard.accept(task, points))) return;
    }
    await state.stream.flushDue(task, state.running, !fromLoop);
    if (!fromLoop) state.status();
  }

  /** The next phase of a step on a paused run; the last one completes the step as Step would. */
  async phase(): Promise<void> {
    const { state } = this;
    const task = state.requireTask();
    const plugin = state.tasks.of(task.config.task);
    if (!plugin.phaseSteps) {
      const owner = state.tasks.all.find((p) => p.phaseSteps);
      throw new Refusal(
        `Stepping through the phases is part of “${owner ? TASK_LABELS[owner.id] : 'no task here'}”; this run is ${TASK_LABELS[task.config.task]}`,
      );
    }
    if (state.running) throw new Refusal('pause training to step through the phases');
    this.phases ??= plugin.phaseSteps(task);
    const report = await this.phases.advance();
    state.io.post({ type: 'phase', report });
    if (!report.point) return;
    this.phases = null;
    if (await this.guard.accept(task, [report.point])) await state.stream.flushDue(task, false, true);
    state.status();
  }

  /** Before anything else trains, saves or rebuilds: no half step is left behind. */
  async settle(): Promise<void> {
    const [phases, task] = [this.phases, this.state.task];
    this.phases = null;
    if (!phases || !task) return;
    const point = await phases.settle();
    this.state.io.post({ type: 'phase', report: null });
    if (point && (await this.guard.accept(task, [point]))) this.state.stream.metrics(task, false);
  }

  /** A new run: its step time is unknown (k = 1 first), and a half step of the old one is dropped. */
  reset(): void {
    this.msPerStep = Infinity;
    this.phases?.dispose();
    this.phases = null;
  }

  /** The task's own measure if it has one, else the quality score of its generator from noise; a failure says why once and training goes on. */
  async measure(task: SessionTask): Promise<void> {
    const { services, stream, io } = this.state;
    try {
      if (task.evaluate) {
        const score = await services.quality.evaluateTask(task);
        stream.exclude(score.ms);
        services.record.taskScores.push(score);
        io.post({ type: 'taskScore', score });
      } else if (task.fromNoise) {
        const point = await services.quality.evaluate(task.fromNoise);
        stream.exclude(point.ms);
        services.record.quality.push(point);
        io.post({ type: 'quality', point });
      } else {
        throw new Refusal('this task has no measure');
      }
    } catch (e) {
      if (e instanceof Refusal) throw e;
      this.state.error('internal', `The ${task.evaluate ? 'held-out measure' : 'quality score'} is off for this data set: ${messageOf(e)}`, true);
    }
  }

  /** Whether a measure is due; the quality score needs the data set's reference classifier, a task's own measure does not. */
  measureDue(task: SessionTask): boolean {
    return (!!task.evaluate || !!task.fromNoise) && this.state.services.quality.due(task.config.dataset, !task.evaluate);
  }
}
