import type { LiveHyperparams, MetricPoint, RunConfig } from '../../shared/protocol';
import type { TaskScore } from '../../shared/taskScore';
import type { ImageSet } from '../data/mnist';
import type { SampleGrid } from '../train/samples';
import type { SessionTask, TaskPosition, TaskTools } from '../loop/plugin';
import { WrappedTask } from '../train/wrappedTask';
import { PairedTrainer, type Pairing } from './pairedTrainer';

/** What makes one image-to-image task: its pairing, its view and its measure. */
export interface PairedSpec {
  pairing: Pairing;
  /** Train an L1-only generator beside the GAN's, as the yardstick. */
  l1Baseline: boolean;
  showcase(trainer: PairedTrainer): Promise<SampleGrid>;
  evaluate(trainer: PairedTrainer, tools: TaskTools): Promise<Omit<TaskScore, 'step' | 'ms'>>;
  /** Frees the spec's own tensors (its fixed held-out images). */
  dispose(): void;
}

/** An image-to-image task (super-resolution, sketch to digit) as the session loop drives it. */
export class PairedTask extends WrappedTask<PairedTrainer> implements SessionTask {
  constructor(
    config: RunConfig,
    data: ImageSet,
    private readonly spec: PairedSpec,
  ) {
    const { seed, batchSize, gLearningRate, dLearningRate, beta1, l1Weight } = config;
    super(config, new PairedTrainer({ seed, batchSize, gLearningRate, dLearningRate, beta1, l1Weight, l1Baseline: spec.l1Baseline }, spec.pairing, data));
  }

  protected applyWeights(live: LiveHyperparams): void {
    this.trainer.l1Weight = live.l1Weight;
  }

  /** G's loss on the chart is what it minimises: D's verdict plus λ times the L1 error. */
  async steps(k: number): Promise<MetricPoint[]> {
    const points = await this.trainer.steps(k);
    const epoch = this.epoch;
    const weight = this.trainer.l1Weight;
    return points.map((p) => ({ step: p.step, epoch, dLoss: p.dLoss, gLoss: p.gAdversarial + weight * p.l1, dReal: p.dReal, dFake: p.dFake }));
  }

  sampleGrid(): Promise<SampleGrid> {
    return this.spec.showcase(this.trainer);
  }

  position(): TaskPosition {
    return this.trainer.position();
  }

  setPosition(p: TaskPosition): void {
    this.trainer.setPosition(p);
  }

  async evaluate(tools: TaskTools): Promise<TaskScore> {
    const started = performance.now();
    const score = await this.spec.evaluate(this.trainer, tools);
    return { step: this.stepCount, ...score, ms: performance.now() - started };
  }

  dispose(): void {
    this.spec.dispose();
    this.trainer.dispose();
  }
}
