/** Adam (Kingma & Ba) or plain SGD over one flat parameter array; the rate is read every step, so live changes keep the moments. */
export type OptimizerKind = 'adam' | 'sgd';

/** Adam's epsilon (in the denominator's square root's sum). */
export const ADAM_EPSILON = 1e-8;

export interface OptimizerState {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

export class FlatOptimizer {
  private state: OptimizerState;

  constructor(
    readonly kind: OptimizerKind,
    size: number,
    public learningRate: number,
    public beta1 = 0.5,
    readonly beta2 = 0.999,
  ) {
    this.state = { m: new Float64Array(size), v: new Float64Array(size), t: 0 };
  }

  /** params -= step(grads). */
  apply(params: Float64Array, grads: Float64Array): void {
    const lr = this.learningRate;
    if (this.kind === 'sgd') {
      for (let i = 0; i < params.length; i++) params[i] -= lr * grads[i];
      return;
    }
    const { m, v } = this.state;
    const t = ++this.state.t;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      params[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + ADAM_EPSILON);
    }
  }

  /** A copy of the moments, to restore after an unrolled look-ahead. */
  save(): OptimizerState {
    return { m: this.state.m.slice(), v: this.state.v.slice(), t: this.state.t };
  }

  restore(s: OptimizerState): void {
    this.state.m.set(s.m);
    this.state.v.set(s.v);
    this.state.t = s.t;
  }
}
