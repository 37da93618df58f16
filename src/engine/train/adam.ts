import * as tf from '@tensorflow/tfjs';
import { adamUpdate, installAdamUpdate } from '../kernels/adamUpdate';

export interface AdamSnapshot {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  moments: Map<string, { m: tf.Tensor; v: tf.Tensor }>;
}

export function disposeAdamSnapshot(s: AdamSnapshot): void {
  for (const x of s.moments.values()) tf.dispose([x.m, x.v]);
}

/** The scalars of Adam's state; the moments travel beside them. */
export interface AdamCounters {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
}

export interface Moments<T> {
  m: T;
  v: T;
}

/**
 * Adam with the learning rate and β1 as plain fields, read on every step, so
 * a live change keeps the moments and the step count. Same update as tfjs's
 * AdamOptimizer (whose fields the first slice had to poke), but the update of
 * each variable is one kernel on wasm and cpu (see kernels/adamUpdate.ts).
 */
export class Adam {
  readonly beta2 = 0.999;
  readonly epsilon = 1e-8;
  iterations = 0;
  /** Products of β over the steps so far (the bias corrections are 1 minus these). */
  private accBeta1 = 1;
  private accBeta2 = 1;
  private readonly moments = new Map<string, { m: tf.Variable; v: tf.Variable }>();

  constructor(
    public learningRate: number,
    public beta1: number,
  ) {
    installAdamUpdate();
  }

  /** Computes f and its gradients for `vars`, applies one update, and returns f's value (the caller disposes it). */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(f, vars);
    this.applyGradients(vars, grads);
    tf.dispose(grads);
    return value;
  }

  /** One update of `vars` from gradients keyed by variable name (a variable without one is left alone). */
  applyGradients(vars: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.accBeta1 *= this.beta1;
    this.accBeta2 *= this.beta2;
    const p = { lr: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, c1: 1 - this.accBeta1, c2: 1 - this.accBeta2 };
    for (const w of vars) {
      const g = grads[w.name];
      if (!g) continue;
      const s = this.slots(w);
      tf.tidy(() => {
        const [w2, m2, v2] = adamUpdate(w, g, s.m, s.v, p);
        w.assign(w2);
        s.m.assign(m2);
        s.v.assign(v2);
      });
    }
    this.iterations++;
  }

  private slots(w: tf.Variable): { m: tf.Variable; v: tf.Variable } {
    let s = this.moments.get(w.name);
    if (!s) {
      const zeros = (): tf.Variable => tf.tidy(() => tf.variable(tf.zerosLike(w), false));
      s = { m: zeros(), v: zeros() };
      this.moments.set(w.name, s);
    }
    return s;
  }

  counters(): AdamCounters {
    return { iterations: this.iterations, accBeta1: this.accBeta1, accBeta2: this.accBeta2 };
  }

  /** Each variable's moments, in the order given (null before its first update). Variable names differ between builds, positions do not. */
  momentsOf(vars: tf.Variable[]): (Moments<tf.Tensor> | null)[] {
    return vars.map((w) => this.moments.get(w.name) ?? null);
  }

  /** Replaces the whole state with saved values, positionally matching `vars` (shapes checked by the caller). */
  load(vars: tf.Variable[], counters: AdamCounters, moments: (Moments<Float32Array> | null)[]): void {
    this.dispose();
    const slot = (values: Float32Array, shape: number[]): tf.Variable => tf.tidy(() => tf.variable(tf.tensor(values, shape), false));
    vars.forEach((w, i) => {
      const s = moments[i];
      if (s) this.moments.set(w.name, { m: slot(s.m, w.shape), v: slot(s.v, w.shape) });
    });
    this.iterations = counters.iterations;
    this.accBeta1 = counters.accBeta1;
    this.accBeta2 = counters.accBeta2;
  }

  /** A copy of the whole state (moments, step count, bias-correction products); the caller disposes it. */
  snapshot(): AdamSnapshot {
    const moments = new Map([...this.moments].map(([name, s]) => [name, { m: s.m.clone(), v: s.v.clone() }] as const));
    return { iterations: this.iterations, accBeta1: this.accBeta1, accBeta2: this.accBeta2, moments };
  }

  /** Puts a snapshot's state back (copying it: the snapshot stays usable). */
  restore(snap: AdamSnapshot): void {
    this.dispose();
    const copy = (t: tf.Tensor): tf.Variable => tf.tidy(() => tf.variable(t.clone(), false));
    for (const [name, s] of snap.moments) this.moments.set(name, { m: copy(s.m), v: copy(s.v) });
    this.iterations = snap.iterations;
    this.accBeta1 = snap.accBeta1;
    this.accBeta2 = snap.accBeta2;
  }

  dispose(): void {
    for (const s of this.moments.values()) tf.dispose([s.m, s.v]);
    this.moments.clear();
  }
}
