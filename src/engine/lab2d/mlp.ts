import type { Rng } from '../../shared/rng';
import { rowMajor, transposed } from './gemm';
import { product } from './simdProduct';

/**
 * A tiny multilayer perceptron in plain typed-array math: hand-written
 * forward and backward passes over a batch as blocked matrix products
 * (gemm.ts), which the lab's gradient penalty and unrolled step build on
 * (checked against finite differences). At the lab's sizes this beats tfjs on
 * WASM, whose per-op overhead dominates (docs/benchmarks.md, scripts/bench/lab2d.ts).
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
      const [nIn, nOut, out, b] = [this.sizes[l - 1], this.sizes[l], this.acts[l], this.bAt[l - 1]];
      product(batch, nOut, nIn, rowMajor(this.acts[l - 1], nIn), rowMajor(p, nOut, this.wAt[l - 1]), out, 0, p, b);
      if (l < last) activate(out, batch * nOut, this.activation);
    }
    return this.acts[last].subarray(0, batch * this.sizes[last]);
  }

  /**
   * Back-propagates `dOut` (d loss / d output, one row per sample of the last
   * forward pass). Adds parameter gradients into `grads` when `accumulate`;
   * returns d loss / d input (a reused view) when `inputGrad`, else an empty view.
   */
  backward(dOut: ArrayLike<number>, batch: number, accumulate = true, inputGrad = true): Float64Array {
    const p = this.params;
    const g = this.grads;
    const last = this.sizes.length - 1;
    const top = this.deltas[last];
    for (let i = 0; i < batch * this.sizes[last]; i++) top[i] = dOut[i];
    for (let l = last; l >= 1; l--) {
      const [nIn, nOut, dz, w, b] = [this.sizes[l - 1], this.sizes[l], this.deltas[l], this.wAt[l - 1], this.bAt[l - 1]];
      if (l < last) scaleByDerivative(dz, this.acts[l], batch * nOut, this.activation);
      if (accumulate) {
        for (let r = 0; r < batch; r++) for (let j = 0; j < nOut; j++) g[b + j] += dz[r * nOut + j];
        // dW += prevᵀ . dz: rows are the inputs, summed over the batch.
        product(nIn, nOut, batch, transposed(this.acts[l - 1], nIn), rowMajor(dz, nOut), g, w);
      }
      if (l === 1 && !inputGrad) return this.deltas[0].subarray(0, 0);
      const dPrev = this.deltas[l - 1];
      dPrev.fill(0, 0, batch * nIn);
      // dPrev = dz . Wᵀ
      product(batch, nIn, nOut, rowMajor(dz, nOut), transposed(p, nOut, w), dPrev, 0);
    }
    return this.deltas[0].subarray(0, batch * this.sizes[0]);
  }

  /** The last forward pass's activations and the last backward pass's deltas (d loss / d pre-activation), per layer. */
  lastPass(): { acts: readonly Float64Array[]; deltas: readonly Float64Array[] } {
    return { acts: this.acts, deltas: this.deltas };
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

function activate(v: Float64Array, n: number, act: Activation): void {
  if (act === 'relu') for (let j = 0; j < n; j++) v[j] = v[j] > 0 ? v[j] : 0;
  else if (act === 'leakyRelu') for (let j = 0; j < n; j++) v[j] = v[j] > 0 ? v[j] : LEAK * v[j];
  else for (let j = 0; j < n; j++) v[j] = Math.tanh(v[j]);
}

/** dz *= act'(z), written in terms of the activation's output a. */
function scaleByDerivative(dz: Float64Array, a: Float64Array, n: number, act: Activation): void {
  if (act === 'relu') for (let i = 0; i < n; i++) dz[i] = a[i] > 0 ? dz[i] : 0;
  else if (act === 'leakyRelu') for (let i = 0; i < n; i++) dz[i] *= a[i] > 0 ? 1 : LEAK;
  else for (let i = 0; i < n; i++) dz[i] *= 1 - a[i] * a[i];
}
