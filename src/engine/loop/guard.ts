import type { MetricPoint } from '../../shared/protocol';
import type { SessionTask } from './plugin';
import type { LoopState } from './state';

/**
 * The divergence guard: every step's losses are checked, the weights every
 * keep-every steps before a copy is kept; a NaN or infinity rolls the run
 * back to the last good copy, paused, with one rollback event.
 */
export class DivergenceGuard {
  constructor(private readonly state: LoopState) {}

  /** Records finished steps; false if one went bad and the run was rolled back. */
  async accept(task: SessionTask, points: MetricPoint[]): Promise<boolean> {
    const { stream, services } = this.state;
    stream.add(points);
    services.record.record(points);
    const bad = points.find((p) => ![p.dLoss, p.gLoss, p.dReal, p.dFake].every(Number.isFinite));
    if (bad) {
      await this.rollBack(task, `A loss became NaN or infinite at step ${bad.step}`);
      return false;
    }
    // A NaN weight need not reach a loss (a BatchNorm moving mean is unused in training): check before keeping a copy.
    if (services.lastGood.due(task, points.length)) {
      if (!(await task.weightsFinite())) {
        await this.rollBack(task, `A weight became NaN or infinite by step ${task.stepCount}`);
        return false;
      }
      services.lastGood.keep(task);
    }
    return true;
  }

  /** After a NaN: back to the last good copy, paused, with the history trimmed to it and a message on what to try. */
  private async rollBack(task: SessionTask, what: string): Promise<void> {
    const { stream, services, io } = this.state;
    this.state.running = false;
    stream.dropAfter(services.lastGood.step);
    stream.metrics(task, false);
    const step = services.lastGood.restore(task);
    services.record.rollBack(step);
    services.inside.dropAfter(step);
    const { gLearningRate: g, dLearningRate: d } = task.hyperparams;
    const message = `${what}. Training paused and went back to step ${step}, the last good state. Lower the learning rates (now G ${g}, D ${d}) and press Train.`;
    io.post({ type: 'rolledBack', step, message });
    // The training page shows a run's trouble as its error notice (code 'nan'), as before.
    this.state.error('nan', message, true);
    this.state.status();
    await stream.samples(task);
  }
}
