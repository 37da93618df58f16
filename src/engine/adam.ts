import * as tf from '@tensorflow/tfjs';
import { adamUpdate, installAdamUpdate } from './kernels/adamUpdate';

export interface AdamSnapshot {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  moments: Map<string, { m: tf.Tensor; v: tf.Tensor }>;
}

export function disposeAdamSnapshot(s: AdamSnapshot): void {
  for (const x of s.moments.values()) tf.dispose([x.m, x.v]);
}

/** One named piece of optimizer state, e.g. `dense_1/kernel/m`. */
export interface NamedState {
  name: string;
  tensor: tf.Tensor;
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
    this.apply(vars, grads);
    tf.dispose(grads);
    return value;
  }

  private apply(vars: tf.Variable[], grads: tf.NamedTensorMap): void {
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

  /** The moments, named after their variables, in a stable order (first moments, then second). */
  state(): NamedState[] {
    const entries = [...this.moments];
    return [...entries.map(([name, s]) => ({ name: `${name}/m`, tensor: s.m as tf.Tensor })), ...entries.map(([name, s]) => ({ name: `${name}/v`, tensor: s.v as tf.Tensor }))];
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
