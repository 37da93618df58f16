import { Rng } from '../../shared/rng';
import type { MetricPoint } from '../../shared/protocol';
import type { Lab2dConfig, Lab2dLive } from '../../shared/lab2dProtocol';
import { samplerOf, type Sampler } from './data';
import { addGradientPenalty } from './gradientPenalty';
import { dLossSide, gLoss, shownScore } from './losses';
import { Mlp } from './mlp';
import { FlatOptimizer } from './optim';
import { unrolledGradient } from './unrolled';
import type { LabRecord } from '../../shared/formats/labRun';

/** WGAN-GP's penalty weight for 2D toys (Gulrajani et al.'s toy experiments use 0.1). */
export const GP_WEIGHT = 0.1;

/** One of D's batches, kept so that an unrolled look-ahead can replay it. */
export interface DBatch {
  real: Float64Array;
  noise: Float64Array;
  mix: Float64Array | null;
}

export interface DLoss {
  dLoss: number;
  dReal: number;
  dFake: number;
}

const layers = (input: number, hidden: number, width: number, output: number) => [input, ...Array<number>(hidden).fill(width), output];

/** One 2D GAN: G and D as plain-JS MLPs, their optimizers and a seeded stream for data and noise. */
export class Gan2d {
  readonly g: Mlp;
  readonly d: Mlp;
  readonly gOpt: FlatOptimizer;
  readonly dOpt: FlatOptimizer;
  readonly rng: Rng;
  readonly sample: Sampler;
  step = 0;
  private readonly noise: Float64Array;
  private readonly fake: Float64Array;
  private readonly both: Float64Array;
  private readonly grad: Float64Array;
  private last: DLoss = { dLoss: 0, dReal: 0, dFake: 0 };

  constructor(
    readonly config: Lab2dConfig,
    drawn: readonly number[] = [],
  ) {
    const c = config;
    this.rng = new Rng(c.seed);
    this.g = new Mlp(layers(c.noiseSize, c.gLayers, c.gWidth, 2), c.activation);
    this.d = new Mlp(layers(2, c.dLayers, c.dWidth, 1), c.activation);
    this.g.init(this.rng);
    this.d.init(this.rng);
    this.gOpt = new FlatOptimizer(c.optimizer, this.g.params.length, c.gLearningRate);
    this.dOpt = new FlatOptimizer(c.optimizer, this.d.params.length, c.dLearningRate);
    this.sample = samplerOf(c.data, drawn);
    const n = c.batchSize;
    this.noise = new Float64Array(c.noiseSize * n);
    this.fake = new Float64Array(2 * n);
    this.both = new Float64Array(2 * n);
    this.grad = new Float64Array(n);
  }

  setLive(p: Partial<Lab2dLive>): void {
    Object.assign(this.config, p);
    this.gOpt.learningRate = this.config.gLearningRate;
    this.dOpt.learningRate = this.config.dLearningRate;
  }

  /** Fresh noise into `out` (standard normal). */
  drawNoise(out: Float64Array, n: number): void {
    for (let i = 0; i < n * this.config.noiseSize; i++) out[i] = this.rng.normal();
  }

  /** G(z) for n noise rows, copied out. */
  generate(noise: Float64Array, n: number, out: Float64Array): void {
    out.set(this.g.forward(noise, n));
  }

  /** A fresh real batch, its noise and (for WGAN-GP) the mixing weights of the penalty's points, drawn in that order. */
  drawDBatch(): DBatch {
    const { batchSize: n, noiseSize, loss } = this.config;
    const real = new Float64Array(2 * n);
    const noise = new Float64Array(noiseSize * n);
    this.sample(this.rng, real, n);
    this.drawNoise(noise, n);
    const mix = loss === 'wgan-gp' ? Float64Array.from({ length: n }, () => this.rng.next()) : null;
    return { real, noise, mix };
  }

  /**
   * D's loss on a batch and its gradient in d.grads; with `throughG`, also
   * d(D's loss)/d(G's parameters) in g.grads (the fakes' path; for WGAN-GP
   * not the penalty's path through its mixed points).
   */
  dGradient(batch: DBatch, throughG = false): DLoss {
    const { batchSize: n, loss } = this.config;
    this.generate(batch.noise, n, this.fake);
    const d = this.d;
    d.zeroGrad();
    const sr = d.forward(batch.real, n);
    let dReal = 0;
    for (let i = 0; i < n; i++) dReal += shownScore(loss, sr[i]) / n;
    let total = dLossSide(loss, true, sr, n, this.grad);
    d.backward(this.grad, n, true, false);
    const sf = d.forward(this.fake, n);
    let dFake = 0;
    for (let i = 0; i < n; i++) dFake += shownScore(loss, sf[i]) / n;
    total += dLossSide(loss, false, sf, n, this.grad);
    const dx = d.backward(this.grad, n, true, throughG);
    if (throughG) {
      this.g.zeroGrad();
      this.g.backward(dx, n, true, false);
    }
    if (batch.mix) {
      for (let i = 0; i < n; i++) {
        const e = batch.mix[i];
        this.both[2 * i] = e * batch.real[2 * i] + (1 - e) * this.fake[2 * i];
        this.both[2 * i + 1] = e * batch.real[2 * i + 1] + (1 - e) * this.fake[2 * i + 1];
      }
      total += addGradientPenalty(d, this.both, n, GP_WEIGHT);
    }
    return { dLoss: total, dReal, dFake };
  }

  /** One update of D on a batch (a fresh one unless given); returns D's loss. */
  stepD(batch = this.drawDBatch()): number {
    this.last = this.dGradient(batch);
    this.dOpt.apply(this.d.params, this.d.grads);
    return this.last.dLoss;
  }

  /** G's gradient against the current D on fresh noise: fills g.grads (and with `wrtD`, d.grads with G's loss's gradient in D); returns G's loss. */
  gGradient(wrtD = false): number {
    const n = this.config.batchSize;
    this.drawNoise(this.noise, n);
    this.generate(this.noise, n, this.fake);
    const scores = this.d.forward(this.fake, n);
    const lossValue = gLoss(this.config.loss, scores, n, this.grad, this.config.gLossForm === 'minimax');
    if (wrtD) this.d.zeroGrad();
    const dx = this.d.backward(this.grad, n, wrtD);
    this.g.zeroGrad();
    this.g.backward(dx, n, true, false);
    return lossValue;
  }

  /**
   * One update of G. With unroll k > 0 (Metz et al. 2017), G's gradient is
   * taken against D after k more of D's own updates and through them
   * (unrolled.ts); D and its optimizer end where they were: G answers the D
   * that would answer it.
   */
  stepG(): number {
    const k = this.config.unroll;
    const l = k ? unrolledGradient(this, k) : this.gGradient();
    this.gOpt.apply(this.g.params, this.g.grads);
    return l;
  }

  /** The plain GAN's G update (no look-ahead), for comparison with stepG. */
  plainStepG(): number {
    const l = this.gGradient();
    this.gOpt.apply(this.g.params, this.g.grads);
    return l;
  }

  /** dSteps updates of D, then one of G: one step on the chart. */
  trainStep(): MetricPoint {
    for (let i = 0; i < this.config.dSteps; i++) this.stepD();
    return this.countStep(this.stepG());
  }

  /** The step counter moves on; the chart's point for it, with G's loss `gl`. */
  countStep(gl: number): MetricPoint {
    this.step++;
    return { step: this.step, epoch: 0, dLoss: this.last.dLoss, gLoss: gl, dReal: this.last.dReal, dFake: this.last.dFake };
  }

  /** Everything a saved run needs to continue exactly: weights, Adam's moments and counters, the stream, the step. */
  snapshot(): Omit<LabRecord, 'stats'> {
    const [gs, ds] = [this.gOpt.save(), this.dOpt.save()];
    const arrays = { g: this.g.params.slice(), d: this.d.params.slice(), gM: gs.m, gV: gs.v, dM: ds.m, dV: ds.v, history: new Float64Array(0) };
    return { step: this.step, rng: this.rng.getState(), last: { ...this.last }, gT: gs.t, dT: ds.t, arrays };
  }

  /** Puts a snapshot back; throws, changing nothing, when its arrays do not fit these networks. */
  restore(s: Omit<LabRecord, 'stats'>): void {
    const { arrays: a } = s;
    const [nG, nD] = [this.g.params.length, this.d.params.length];
    const sizes: [string, number, number][] = [
      ['g', a.g.length, nG],
      ['d', a.d.length, nD],
      ['gM', a.gM.length, nG],
      ['gV', a.gV.length, nG],
      ['dM', a.dM.length, nD],
      ['dV', a.dV.length, nD],
    ];
    const wrong = sizes.find(([, got, want]) => got !== want);
    if (wrong) throw new Error(`${wrong[0]} has ${wrong[1]} numbers where these networks have ${wrong[2]}`);
    this.g.params.set(a.g);
    this.d.params.set(a.d);
    this.gOpt.restore({ m: a.gM, v: a.gV, t: s.gT });
    this.dOpt.restore({ m: a.dM, v: a.dV, t: s.dT });
    this.rng.setState(s.rng);
    this.step = s.step;
    this.last = { ...s.last };
  }

  /** The Step D only / Step G only buttons: one update of one side, counted as a step. */
  partialStep(which: 'd' | 'g'): MetricPoint {
    return this.countStep(which === 'd' ? (this.stepD(), this.gLossNow()) : this.stepG());
  }

  private gLossNow(): number {
    const n = this.config.batchSize;
    this.drawNoise(this.noise, n);
    this.generate(this.noise, n, this.fake);
    return gLoss(this.config.loss, this.d.forward(this.fake, n), n, this.grad, this.config.gLossForm === 'minimax');
  }
}
