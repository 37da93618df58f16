import * as tf from '@tensorflow/tfjs';
import { PHASES, type MetricPoint, type PhaseName, type PhaseReport } from '../protocol';
import { meanProbability } from './losses';
import { forward } from './models';
import { Rng } from './rng';
import type { GanTrainer } from './trainer';

type Position = ReturnType<GanTrainer['position']>;

/**
 * One training step taken apart into its six phases, each run for real on the
 * trainer: the batch it draws, D's update and G's update are the very calls
 * `step()` makes, so after `updateG` the run is where a normal step would have
 * left it. The phases in between (generate, D on real+fake, G through D) only
 * look: they run on a copy of the noise stream and put back BatchNorm's
 * moving statistics, so they change nothing.
 */
export class PhaseStepper {
  private index = 0;
  private batch: { real: tf.Tensor4D; z: tf.Tensor2D } | null = null;
  private start: Position | null = null;
  private epoch = 0;
  private d = { dLoss: 0, dReal: 0, dFake: 0 };

  constructor(private readonly trainer: GanTrainer) {}

  /** The phase the next call runs. */
  get nextPhase(): PhaseName {
    return PHASES[this.index];
  }

  /** Runs the next phase; after `updateG` the step counter has advanced and the report carries the step's metric point. */
  async advance(): Promise<PhaseReport> {
    const phase = PHASES[this.index];
    const report = await this.run(phase);
    this.index = (this.index + 1) % PHASES.length;
    return report;
  }

  /**
   * Ends a half-done step before anything else trains, saves or rebuilds: before
   * D's update nothing has changed, so the drawn batch is put back; after it,
   * G's update runs so the run never holds half a step. Returns that step's point.
   */
  async settle(): Promise<MetricPoint | null> {
    if (this.index === 0) return null;
    if (this.index <= PHASES.indexOf('updateD')) {
      this.trainer.setPosition(this.start as Position);
      this.clear();
      return null;
    }
    const { point } = await this.run('updateG');
    return point ?? null;
  }

  dispose(): void {
    this.clear();
  }

  private clear(): void {
    if (this.batch) tf.dispose([this.batch.real, this.batch.z]);
    this.batch = null;
    this.start = null;
    this.index = 0;
  }

  private async run(phase: PhaseName): Promise<PhaseReport> {
    const t = this.trainer;
    const step = t.stepCount + 1;
    if (phase === 'noise') {
      this.start = t.position();
      this.batch = t.drawBatch();
      this.epoch = t.epoch;
      const [mean, std] = await read(tf.tidy(() => {
        const m = tf.moments((this.batch as { z: tf.Tensor2D }).z);
        return tf.stack([m.mean, tf.sqrt(m.variance)]);
      }));
      return { phase, step, z: { mean, std } };
    }
    const { real, z } = this.batch as { real: tf.Tensor4D; z: tf.Tensor2D };
    const { generator: G, discriminator: D } = t.gan;
    switch (phase) {
      case 'generate': {
        const [min, max, mean] = await this.look((rng) => {
          const fake = forward(G, z, true, rng);
          return tf.stack([tf.min(fake), tf.max(fake), tf.mean(fake)]);
        });
        return { phase, step, fake: { min, max, mean } };
      }
      case 'discriminate': {
        const [dReal, dFake] = await this.look((rng) => {
          const fake = forward(G, z, true, rng);
          return tf.stack([meanProbability(forward(D, real, true, rng)), meanProbability(forward(D, fake, true, rng))]);
        });
        return { phase, step, dReal, dFake };
      }
      case 'updateD': {
        const [dLoss, dReal, dFake] = await read(t.dStep(real, z));
        this.d = { dLoss, dReal, dFake };
        return { phase, step, ...this.d };
      }
      case 'generatorThroughD': {
        const [dFake] = await this.look((rng) => tf.reshape(meanProbability(forward(D, forward(G, z, true, rng), true, rng)), [1]));
        return { phase, step, dFake };
      }
      case 'updateG': {
        const [gLoss] = await read(tf.tidy(() => tf.reshape(t.gStep(z), [1])));
        t.stepCount++;
        const point: MetricPoint = { step: t.stepCount, epoch: this.epoch, dLoss: this.d.dLoss, gLoss, dReal: this.d.dReal, dFake: this.d.dFake };
        this.clear();
        return { phase, step, gLoss, point };
      }
    }
  }

  /** Runs `f` as the step would (training mode, the noise stream where it is) and undoes its side effects: BatchNorm's moving statistics. */
  private async look(f: (rng: Rng) => tf.Tensor): Promise<number[]> {
    const rng = new Rng(0);
    rng.setState(this.trainer.position().rng);
    const { generator: G, discriminator: D } = this.trainer.gan;
    const kept = [...G.nonTrainableWeights, ...D.nonTrainableWeights];
    const saved = kept.map((w) => w.read().clone());
    try {
      return await read(tf.tidy(() => f(rng)));
    } finally {
      kept.forEach((w, i) => w.write(saved[i]));
      tf.dispose(saved); // the variables hold their own reference
    }
  }
}

async function read(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}
