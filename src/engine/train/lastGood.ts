import * as tf from '@tensorflow/tfjs';
import { disposeAdamSnapshot, type Adam, type AdamSnapshot } from './adam';
import type { Gan } from '../models';

/** Copies of every weight and both optimizers' state: a point to roll back to. */
export interface TrainerSnapshot {
  step: number;
  weights: tf.Tensor[];
  d: AdamSnapshot;
  g: AdamSnapshot;
}

export function disposeSnapshot(s: TrainerSnapshot): void {
  tf.dispose(s.weights);
  disposeAdamSnapshot(s.d);
  disposeAdamSnapshot(s.g);
}

/** What a copy is taken from and put back into (GanTrainer). */
export interface Snapshots {
  stepCount: number;
  readonly gan: Gan;
  readonly dOpt: Adam;
  readonly gOpt: Adam;
}

const weightsOf = (t: Snapshots) => [...t.gan.generator.weights, ...t.gan.discriminator.weights];

/** Copies of every weight (BatchNorm statistics too) and both optimizers' state: a point to roll back to. */
function snapshot(t: Snapshots): TrainerSnapshot {
  return { step: t.stepCount, weights: weightsOf(t).map((w) => w.read().clone()), d: t.dOpt.snapshot(), g: t.gOpt.snapshot() };
}

/** Back to a snapshot's weights, optimizer state and step count; the snapshot stays usable. */
function restore(t: Snapshots, snap: TrainerSnapshot): void {
  weightsOf(t).forEach((w, i) => tf.tidy(() => void w.write(snap.weights[i].clone())));
  t.dOpt.restore(snap.d);
  t.gOpt.restore(snap.g);
  t.stepCount = snap.step;
}

/** Steps between in-memory copies of the run that a NaN rolls back to. */
export const LAST_GOOD_EVERY = 100;

/** An in-memory copy of the run (weights and optimizers, on the backend) to fall back to. */
export class LastGood {
  private snap: TrainerSnapshot | null = null;

  get step(): number {
    return this.snap?.step ?? 0;
  }

  keep(trainer: Snapshots): void {
    this.dispose();
    this.snap = snapshot(trainer);
  }

  /** Whether the last `k` steps crossed a multiple of LAST_GOOD_EVERY. */
  due(trainer: Snapshots, k: number): boolean {
    return Math.floor(trainer.stepCount / LAST_GOOD_EVERY) > Math.floor((trainer.stepCount - k) / LAST_GOOD_EVERY);
  }

  /** Puts the copy back (it stays kept) and returns its step. */
  restore(trainer: Snapshots): number {
    if (this.snap) restore(trainer, this.snap);
    return trainer.stepCount;
  }

  dispose(): void {
    if (this.snap) disposeSnapshot(this.snap);
    this.snap = null;
  }
}
