import * as tf from '@tensorflow/tfjs';
import { PHASES, type MetricPoint, type PhaseName, type PhaseReport } from '../../../shared/protocol';
import { meanScore } from '../../train/losses';
import { forward } from '../../models';
import { discriminatorInput, generatorInput } from '../../models/conditional';
import { Rng } from '../../../shared/rng';
import type { Batch, GanTrainer } from './trainer';

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
  private batch: Batch | null = null;
  /** D's last batch: with several D updates a step, G trains on the last one's noise, as `step()` does. */
  private lastBatch: Batch | null = null;
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
    for (const b of new Set([this.batch, this.lastBatch])) if (b) tf.dispose([b.real, b.z, ...(b.classes ? [b.classes] : [])]);
    this.batch = null;
    this.lastBatch = null;
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
      const [mean, std] = await read(
        tf.tidy(() => {
          const m = tf.moments((this.batch as Batch).z);
          return tf.stack([m.mean, tf.sqrt(m.variance)]);
        }),
      );
      return { phase, step, z: { mean, std } };
    }
    const batch = this.batch as Batch;
    const { real, z, classes } = batch;
    const { generator: G, discriminator: D } = t.gan;
    const { loss, model } = t.config;
    const fakeOf = (rng: Rng) => forward(G, generatorInput(z, classes), true, rng);
    const scoreOf = (x: tf.Tensor, rng: Rng) => meanScore(loss, forward(D, discriminatorInput(model, x, classes), true, rng));
    switch (phase) {
      case 'generate': {
        const [min, max, mean] = await this.look((rng) => {
          const fake = fakeOf(rng);
          return tf.stack([tf.min(fake), tf.max(fake), tf.mean(fake)]);
        });
        return { phase, step, fake: { min, max, mean } };
      }
      case 'discriminate': {
        const [dReal, dFake] = await this.look((rng) => tf.stack([scoreOf(real, rng), scoreOf(fakeOf(rng), rng)]));
        return { phase, step, dReal, dFake };
      }
      case 'updateD': {
        const [dLoss, dReal, dFake] = await read(this.updateD(batch));
        this.d = { dLoss, dReal, dFake };
        return { phase, step, ...this.d };
      }
      case 'generatorThroughD': {
        const [dFake] = await this.look((rng) => tf.reshape(scoreOf(fakeOf(rng), rng), [1]));
        return { phase, step, dFake };
      }
      case 'updateG': {
        const [gLoss] = await read(tf.tidy(() => tf.reshape(t.gStep(this.lastBatch ?? batch), [1])));
        t.stepCount++;
        const point: MetricPoint = { step: t.stepCount, epoch: this.epoch, dLoss: this.d.dLoss, gLoss, dReal: this.d.dReal, dFake: this.d.dFake };
        this.clear();
        return { phase, step, gLoss, point };
      }
    }
  }

  /** D's updates as `step()` makes them: the drawn batch, then (D:G ratio above 1) one fresh batch per further update; the scores averaged. */
  private updateD(first: Batch): tf.Tensor {
    const t = this.trainer;
    let d: tf.Tensor = t.dStep(first);
    for (let i = 1; i < t.hyperparams.dSteps; i++) {
      if (this.lastBatch) tf.dispose([this.lastBatch.real, this.lastBatch.z, ...(this.lastBatch.classes ? [this.lastBatch.classes] : [])]);
      this.lastBatch = t.drawBatch();
      const next = t.dStep(this.lastBatch);
      const sum = tf.add(d, next);
      tf.dispose([d, next]);
      d = sum;
    }
    const k = t.hyperparams.dSteps;
    if (k === 1) return d;
    const mean = tf.div(d, k);
    d.dispose();
    return mean;
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
