import * as tf from '@tensorflow/tfjs';
import { disposeAdamSnapshot, type AdamSnapshot } from './adam';
import type { HasParts } from './parts';
import { keepDue } from '../loop/clock';

/** Copies of every part's weights and optimizer state: a point to roll back to. */
export interface TrainerSnapshot {
  step: number;
  weights: tf.Tensor[];
  optimizers: AdamSnapshot[];
}

export function disposeSnapshot(s: TrainerSnapshot): void {
  tf.dispose(s.weights);
  s.optimizers.forEach(disposeAdamSnapshot);
}

const weightsOf = (t: HasParts) => t.parts().flatMap((p) => p.model.weights);

/** Copies of every weight (BatchNorm statistics too) and every optimizer's state. */
function snapshot(t: HasParts): TrainerSnapshot {
  return { step: t.stepCount, weights: weightsOf(t).map((w) => w.read().clone()), optimizers: t.parts().map((p) => p.opt.snapshot()) };
}

/** Back to a snapshot's weights, optimizer state and step count; the snapshot stays usable. */
function restore(t: HasParts, snap: TrainerSnapshot): void {
  weightsOf(t).forEach((w, i) => tf.tidy(() => void w.write(snap.weights[i].clone())));
  t.parts().forEach((p, i) => p.opt.restore(snap.optimizers[i]));
  t.stepCount = snap.step;
}

/** An in-memory copy of the run (weights and optimizers, on the backend) to fall back to. */
export class LastGood {
  private snap: TrainerSnapshot | null = null;

  get step(): number {
    return this.snap?.step ?? 0;
  }

  keep(task: HasParts): void {
    this.dispose();
    this.snap = snapshot(task);
  }

  /** Whether the last `k` steps crossed a multiple of the loop's KEEP_EVERY. */
  due(task: HasParts, k: number): boolean {
    return keepDue(task.stepCount, k);
  }

  /** Puts the copy back (it stays kept) and returns its step. */
  restore(task: HasParts): number {
    if (this.snap) restore(task, this.snap);
    return task.stepCount;
  }

  dispose(): void {
    if (this.snap) disposeSnapshot(this.snap);
    this.snap = null;
  }
}
