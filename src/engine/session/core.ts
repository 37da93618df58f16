import * as tf from '@tensorflow/tfjs';
import type { Command, DatasetName, ErrorCode, FaultKind, MetricPoint, RunConfig } from '../../shared/protocol';
import type { ImageSet } from '../data/mnist';
import { SessionData } from './data';
import { InsideViews } from '../inside/views';
import { LastGood } from '../train/lastGood';
import { Autosave, RunRecord } from '../runfile/runRecord';
import { QualityMonitor } from '../quality/monitor';
import { Backends } from './backends';
import { SessionStream } from './stream';
import type { SessionIO } from './io';
import { GanTrainer, HyperparamError } from '../train/trainer';
import type { SessionTask, TaskData } from './task';
import { TASK_LABELS } from '../../shared/tasks';
import { PhaseStepper } from '../inside/phaseStepper';
import { messageOf } from '../../shared/errors';

/** Milliseconds of steps between two loss read-backs (and looks at the inbox). */
const LOOP_BUDGET_MS = 25;

/**
 * The session's state and the helpers its commands share: status and error
 * events, saving, the NaN rollback, quality and phase-by-phase steps.
 * TrainingSession (session.ts) adds the command loop on top.
 */
export abstract class SessionCore {
  protected inbox: Command[] = [];
  protected pumping = false;
  protected running = false;
  protected trainer: SessionTask | null = null;
  protected readonly data: SessionData;
  protected readonly backends: Backends;
  protected readonly stream: SessionStream;
  protected msPerStep = Infinity;
  protected readonly lastGood = new LastGood();
  protected disposed = false;
  protected readonly record = new RunRecord();
  protected readonly autosave: Autosave;
  protected readonly inside: InsideViews;
  /** A step being taken phase by phase (null when none is). */
  protected phases: PhaseStepper | null = null;
  protected readonly quality: QualityMonitor;

  constructor(protected readonly io: SessionIO) {
    this.autosave = new Autosave(io);
    this.quality = new QualityMonitor(io.loadQuality?.bind(io));
    this.backends = new Backends(io);
    this.stream = new SessionStream((e, t) => io.post(e, t));
    const progress = (message: string) => io.post({ type: 'progress', message });
    this.inside = new InsideViews(
      (e, t) => io.post(e, t),
      io.encodePng,
      () => this.liveGan(),
      () => io.yieldToEvents(),
      (dataset) => this.data.testSet(dataset, progress),
    );
    this.stream.onGrid = async (trainer, grid) => {
      if (trainer instanceof GanTrainer) await this.inside.onGrid(trainer, grid, this.data.set);
    };
    this.data = new SessionData(io.loadData.bind(io), io.decodeImage);
  }

  protected requireTrainer(): SessionTask {
    if (!this.trainer) throw new HyperparamError('no model yet: wait for it to load');
    return this.trainer;
  }

  /** The run's GAN, for what only generating from noise has (latent views, phases, the quality score). */
  protected requireGan(what: string): GanTrainer {
    const trainer = this.requireTrainer();
    if (!(trainer instanceof GanTrainer))
      throw new HyperparamError(`${what} is part of “${TASK_LABELS.generate}”; this run is ${TASK_LABELS[trainer.config.task]}`);
    return trainer;
  }

  /** The run's GAN when it is one (the inside views follow it). */
  protected liveGan(): GanTrainer | null {
    return this.trainer instanceof GanTrainer ? this.trainer : null;
  }

  protected loadData(dataset: DatasetName): Promise<ImageSet> {
    return this.data.get(dataset, (message) => this.io.post({ type: 'progress', message }));
  }

  protected taskData(config: RunConfig): Promise<TaskData> {
    return this.data.forTask(config, (message) => this.io.post({ type: 'progress', message }));
  }

  protected fault(kind: FaultKind): void {
    if (kind === 'nan') {
      const w = this.requireTrainer().parts()[0].model.weights[0];
      tf.tidy(() => void w.write(tf.fill(w.shape as number[], NaN)));
    } else if (kind === 'dropKernel') {
      // Every model has a ReLU: the next step cannot run here.
      tf.unregisterKernel('Relu', this.backends.name);
    } else {
      this.io.fault(kind, this.backends.name);
    }
  }

  protected async saveNow(): Promise<void> {
    if (this.trainer) await this.autosave.save(this.trainer, this.record, this.backends.name, this.stream.lastGrid);
  }

  /** Records finished steps; false if one went bad and the run was rolled back. */
  protected async took(trainer: SessionTask, points: MetricPoint[]): Promise<boolean> {
    this.stream.add(points);
    this.record.record(points);
    const bad = points.find((p) => ![p.dLoss, p.gLoss, p.dReal, p.dFake].every(Number.isFinite));
    if (bad) {
      await this.rollBack(trainer, `A loss became NaN or infinite at step ${bad.step}`);
      return false;
    }
    // A NaN weight need not reach a loss (a BatchNorm moving mean is unused in training): check before keeping a copy.
    if (this.lastGood.due(trainer, points.length)) {
      if (!(await trainer.weightsFinite())) {
        await this.rollBack(trainer, `A weight became NaN or infinite by step ${trainer.stepCount}`);
        return false;
      }
      this.lastGood.keep(trainer);
    }
    return true;
  }

  /** The next phase of a step on a paused run; the last one completes the step as Step would. */
  protected async phaseStep(): Promise<void> {
    const trainer = this.requireGan('Stepping through the phases');
    if (this.running) throw new HyperparamError('pause training to step through the phases');
    this.phases ??= new PhaseStepper(trainer);
    const report = await this.phases.advance();
    this.io.post({ type: 'phase', report });
    if (!report.point) return;
    this.phases = null;
    if (await this.took(trainer, [report.point])) await this.stream.flushDue(trainer, false, true);
    this.status();
  }

  /** Before anything else trains, saves or rebuilds: no half step is left behind. */
  protected async settlePhases(): Promise<void> {
    const [phases, trainer] = [this.phases, this.trainer];
    this.phases = null;
    if (!phases || !trainer) return;
    const point = await phases.settle();
    this.io.post({ type: 'phase', report: null });
    if (point && (await this.took(trainer, [point]))) this.stream.metrics(trainer, false);
  }

  /**
   * Steps per loss read-back: the run's `readEvery` if set, else as many as
   * fit in ~25 ms (up to 10), so a GPU stays fed while a command still gets
   * in within a frame or two.
   */
  protected readEvery(trainer: SessionTask): number {
    return trainer.config.readEvery ?? Math.max(1, Math.min(10, Math.floor(LOOP_BUDGET_MS / Math.max(this.msPerStep, 0.1))));
  }

  /** After a NaN: back to the last good copy, paused, with the history trimmed to it and a message on what to try. */
  protected async rollBack(trainer: SessionTask, what: string): Promise<void> {
    this.running = false;
    this.stream.dropAfter(this.lastGood.step);
    this.stream.metrics(trainer, false);
    const step = this.lastGood.restore(trainer);
    this.record.rollBack(step);
    this.inside.dropAfter(step);
    this.io.post({ type: 'rolledBack', step });
    const { gLearningRate: g, dLearningRate: d } = trainer.hyperparams;
    this.error(
      'nan',
      `${what}. Training paused and went back to step ${step}, the last good state. ` + `Lower the learning rates (now G ${g}, D ${d}) and press Train.`,
      true,
    );
    this.status();
    await this.stream.samples(trainer);
  }

  /** A failed evaluation says why once and stops measuring that data set; training goes on. */
  protected async measureQuality(trainer: SessionTask): Promise<void> {
    try {
      if (trainer instanceof GanTrainer) {
        const point = await this.quality.evaluate(trainer);
        this.stream.exclude(point.ms);
        this.record.quality.push(point);
        this.io.post({ type: 'quality', point });
      } else {
        const score = await this.quality.evaluateTask(trainer);
        this.stream.exclude(score.ms);
        this.record.taskScores.push(score);
        this.io.post({ type: 'taskScore', score });
      }
    } catch (e) {
      this.error('internal', `The ${trainer instanceof GanTrainer ? 'quality score' : 'held-out measure'} is off for this data set: ${messageOf(e)}`, true);
    }
  }

  protected status(): void {
    const step = this.trainer?.stepCount ?? 0;
    const status = this.running ? 'running' : this.trainer ? 'paused' : this.data.set ? 'error' : 'loading';
    this.io.post({ type: 'status', status, step });
  }

  protected error(code: ErrorCode, message: string, recoverable: boolean): void {
    this.io.post({ type: 'error', code, message, recoverable });
  }
}
