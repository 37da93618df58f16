import * as tf from '@tensorflow/tfjs';
import { disposeAdamSnapshot, type AdamSnapshot } from './adam';

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
  snapshot(): TrainerSnapshot;
  restore(s: TrainerSnapshot): void;
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
    this.snap = trainer.snapshot();
  }

  /** Whether the last `k` steps crossed a multiple of LAST_GOOD_EVERY. */
  due(trainer: Snapshots, k: number): boolean {
    return Math.floor(trainer.stepCount / LAST_GOOD_EVERY) > Math.floor((trainer.stepCount - k) / LAST_GOOD_EVERY);
  }

  /** Puts the copy back (it stays kept) and returns its step. */
  restore(trainer: Snapshots): number {
    if (this.snap) trainer.restore(this.snap);
    return trainer.stepCount;
  }

  dispose(): void {
    if (this.snap) disposeSnapshot(this.snap);
    this.snap = null;
  }
}
