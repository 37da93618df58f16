import type { Rng } from '../../shared/rng';

/**
 * A tiny multilayer perceptron in plain typed-array math: hand-written
 * forward and backward passes over a batch, which the lab's gradient penalty
 * and unrolled step build on (checked against finite differences). At the
 * lab's sizes tfjs on WASM is still ~1.3x faster per step
 * (docs/benchmarks.md, scripts/bench/lab2d.ts).
 */
export type Activation = 'relu' | 'leakyRelu' | 'tanh';

const LEAK = 0.2;

export class Mlp {
  /** All weights and biases in one flat array (the optimizer's view). */
  readonly params: Float64Array;
  readonly grads: Float64Array;
  private readonly wAt: number[] = [];
  private readonly bAt: number[] = [];
  /** Activations per layer of the last forward pass (index 0 is the input). */
  private acts: Float64Array[] = [];
  private deltas: Float64Array[] = [];
  private batch = 0;

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
  ) {
    let n = 0;
    for (let l = 1; l < sizes.length; l++) {
      this.wAt.push(n);
      n += sizes[l - 1] * sizes[l];
      this.bAt.push(n);
      n += sizes[l];
    }
    this.params = new Float64Array(n);
    this.grads = new Float64Array(n);
  }

  get inputSize(): number {
    return this.sizes[0];
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** He-style uniform init (Glorot for tanh), biases zero, from a seeded stream. */
  init(rng: Rng): void {
    this.params.fill(0);
    for (let l = 1; l < this.sizes.length; l++) {
      const fanIn = this.sizes[l - 1];
      const fanOut = this.sizes[l];
      const limit = this.activation === 'tanh' ? Math.sqrt(6 / (fanIn + fanOut)) : Math.sqrt(6 / fanIn);
      const w = this.wAt[l - 1];
      for (let i = 0; i < fanIn * fanOut; i++) this.params[w + i] = (rng.next() * 2 - 1) * limit;
    }
  }

  private ensure(batch: number): void {
    if (batch <= this.batch) return;
    this.acts = this.sizes.map((s) => new Float64Array(batch * s));
    this.deltas = this.sizes.map((s) => new Float64Array(batch * s));
    this.batch = batch;
  }

  /** Runs `batch` rows of `input` through the net; the returned view is reused by the next call. */
  forward(input: ArrayLike<number>, batch: number): Float64Array {
    this.ensure(batch);
    const p = this.params;
    const a0 = this.acts[0];
    for (let i = 0; i < batch * this.sizes[0]; i++) a0[i] = input[i];
    const last = this.sizes.length - 1;
    for (let l = 1; l <= last; l++) {
      const nIn = this.sizes[l - 1];
      const nOut = this.sizes[l];
      const prev = this.acts[l - 1];
      const out = this.acts[l];
      const w = this.wAt[l - 1];
      const b = this.bAt[l - 1];
      for (let r = 0; r < batch; r++) {
        const o = r * nOut;
        const x = r * nIn;
        for (let j = 0; j < nOut; j++) out[o + j] = p[b + j];
        // Input by input over contiguous weight rows, in the same order of additions as a dot
        // product; a zero input (half of a ReLU layer) adds nothing and is skipped.
        for (let i = 0; i < nIn; i++) {
          const a = prev[x + i];
          if (a === 0) continue;
          for (let j = 0, k = w + i * nOut; j < nOut; j++, k++) out[o + j] += a * p[k];
        }
        if (l < last) activate(out, o, nOut, this.activation);
      }
    }
    return this.acts[last].subarray(0, batch * this.sizes[last]);
  }

  /**
   * Back-propagates `dOut` (d loss / d output, one row per sample of the last
   * forward pass). Adds parameter gradients into `grads` when `accumulate`
   * and returns d loss / d input (a reused view).
   */
  backward(dOut: ArrayLike<number>, batch: number, accumulate = true): Float64Array {
    const p = this.params;
    const g = this.grads;
    const last = this.sizes.length - 1;
    const top = this.deltas[last];
    for (let i = 0; i < batch * this.sizes[last]; i++) top[i] = dOut[i];
    for (let l = last; l >= 1; l--) {
      const nIn = this.sizes[l - 1];
      const nOut = this.sizes[l];
      const dz = this.deltas[l];
      if (l < last) scaleByDerivative(dz, this.acts[l], batch * nOut, this.activation);
      const prev = this.acts[l - 1];
      const dPrev = this.deltas[l - 1];
      const w = this.wAt[l - 1];
      const b = this.bAt[l - 1];
      // Below a hidden ReLU layer, an input that was 0 has derivative 0: its delta is 0 whatever the sum.
      const reluBelow = l > 1 && this.activation === 'relu';
      for (let r = 0; r < batch; r++) {
        const o = r * nOut;
        if (accumulate) for (let j = 0; j < nOut; j++) g[b + j] += dz[o + j];
        for (let i = 0; i < nIn; i++) {
          const wi = w + i * nOut;
          const a = prev[r * nIn + i];
          let s = 0;
          if (reluBelow && a === 0) {
            dPrev[r * nIn + i] = 0;
            continue;
          }
          if (accumulate && a !== 0) {
            for (let j = 0; j < nOut; j++) {
              g[wi + j] += a * dz[o + j];
              s += dz[o + j] * p[wi + j];
            }
          } else {
            for (let j = 0; j < nOut; j++) s += dz[o + j] * p[wi + j];
          }
          dPrev[r * nIn + i] = s;
        }
      }
    }
    return this.deltas[0].subarray(0, batch * this.sizes[0]);
  }

  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Where layer l's (1-based) weights, [in][out] row-major, and biases start in `params`. */
  weightsAt(l: number): number {
    return this.wAt[l - 1];
  }

  biasAt(l: number): number {
    return this.bAt[l - 1];
  }

  act(z: number): number {
    return this.activation === 'relu' ? (z > 0 ? z : 0) : this.activation === 'leakyRelu' ? (z > 0 ? z : LEAK * z) : Math.tanh(z);
  }

  /** The activation's first and second derivatives, written in terms of its output y. */
  actDerivative(y: number): number {
    return this.activation === 'relu' ? (y > 0 ? 1 : 0) : this.activation === 'leakyRelu' ? (y > 0 ? 1 : LEAK) : 1 - y * y;
  }

  actSecond(y: number): number {
    return this.activation === 'tanh' ? -2 * y * (1 - y * y) : 0;
  }
}

function activate(v: Float64Array, from: number, n: number, act: Activation): void {
  const end = from + n;
  if (act === 'relu') for (let j = from; j < end; j++) v[j] = v[j] > 0 ? v[j] : 0;
  else if (act === 'leakyRelu') for (let j = from; j < end; j++) v[j] = v[j] > 0 ? v[j] : LEAK * v[j];
  else for (let j = from; j < end; j++) v[j] = Math.tanh(v[j]);
}

/** dz *= act'(z), written in terms of the activation's output a. */
function scaleByDerivative(dz: Float64Array, a: Float64Array, n: number, act: Activation): void {
  if (act === 'relu') for (let i = 0; i < n; i++) dz[i] = a[i] > 0 ? dz[i] : 0;
  else if (act === 'leakyRelu') for (let i = 0; i < n; i++) dz[i] *= a[i] > 0 ? 1 : LEAK;
  else for (let i = 0; i < n; i++) dz[i] *= 1 - a[i] * a[i];
}
