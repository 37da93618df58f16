import type * as tf from '@tensorflow/tfjs';
import type { LiveHyperparams, MetricPoint, RunConfig } from '../../../shared/protocol';
import type { TaskScore } from '../../../shared/taskScore';
import type { SampleGrid } from '../../train/samples';
import { heldOut } from '../../paired/pairedTrainer';
import type { SessionTask, TaskData, TaskPosition } from '../../loop/plugin';
import { WrappedTask } from '../../train/wrappedTask';
import { CycleTrainer } from './cycleTrainer';

/** Fixed held-out pairs the view shows, one per row. */
export const SHOWCASE_ROWS = 8;
/** Held-out images of each set the cycle loss is measured on. */
export const SCORED_IMAGES = 200;

/** Domain transfer between MNIST digits (A) and the run's data set (B), as the session loop drives it. */
export class TransferTask extends WrappedTask<CycleTrainer> implements SessionTask {
  private readonly digits: NonNullable<TaskData['digits']>;
  private shown: [tf.Tensor4D, tf.Tensor4D] | null = null;
  private scored: [tf.Tensor4D, tf.Tensor4D] | null = null;

  constructor(
    config: RunConfig,
    private readonly data: TaskData,
  ) {
    const digits = data.digits;
    if (!digits) throw new Error('domain transfer needs MNIST digits as its set A');
    const { seed, batchSize, gLearningRate, dLearningRate, beta1, cycleWeight } = config;
    super(config, new CycleTrainer({ seed, batchSize, gLearningRate, dLearningRate, beta1, cycleWeight }, digits.train, data.train));
    this.digits = digits;
  }

  protected applyWeights(live: LiveHyperparams): void {
    this.trainer.cycleWeight = live.cycleWeight;
  }

  /** Both critics' losses summed as D's; G's is both adversarial terms plus λ times the cycle loss. */
  async steps(k: number): Promise<MetricPoint[]> {
    const points = await this.trainer.steps(k);
    const epoch = this.epoch;
    const weight = this.trainer.cycleWeight;
    return points.map((p) => ({ step: p.step, epoch, dLoss: p.dA + p.dB, gLoss: p.gAdversarial + weight * p.cycle, dReal: p.dReal, dFake: p.dFake }));
  }

  /** As many held-out images of each set (your own images may be fewer than asked for). */
  private pair(count: number): [tf.Tensor4D, tf.Tensor4D] {
    const n = Math.min(count, this.digits.test.count, this.data.test.count);
    return [heldOut(this.digits.test, n), heldOut(this.data.test, n)];
  }

  async sampleGrid(): Promise<SampleGrid> {
    this.shown ??= this.pair(SHOWCASE_ROWS);
    return { ...(await this.trainer.showcase(...this.shown)), rows: this.shown[0].shape[0], classIndex: null };
  }

  /** The run's own set (B) comes first, as run files check it against the data loaded; the digits' sampler follows. */
  position(): TaskPosition {
    const { rng, samplers } = this.trainer.position();
    return { rng, sampler: samplers[1], more: [samplers[0]] };
  }

  setPosition(p: TaskPosition): void {
    const [digits] = p.more ?? [];
    this.trainer.setPosition({ rng: p.rng, samplers: digits ? [digits, p.sampler] : [p.sampler] });
  }

  async evaluate(): Promise<TaskScore> {
    const started = performance.now();
    this.scored ??= this.pair(SCORED_IMAGES);
    const cycle = await this.trainer.heldOutCycle(...this.scored);
    return { step: this.stepCount, count: this.scored[0].shape[0], values: { cycle }, ms: performance.now() - started };
  }

  dispose(): void {
    for (const t of [...(this.shown ?? []), ...(this.scored ?? [])]) t.dispose();
    this.trainer.dispose();
  }
}
