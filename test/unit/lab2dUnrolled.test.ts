import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import type { Lab2dConfig } from '../../src/shared/lab2dProtocol';
import { Mlp, type Activation } from '../../src/engine/lab2d/mlp';
import { hessianVector } from '../../src/engine/lab2d/curvature';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { unrolledGradient } from '../../src/engine/lab2d/unrolled';
import { gLoss } from '../../src/engine/lab2d/losses';

const H = 1e-6;
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const minus = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (x, i) => x - b[i]);

/** |got - want| relative to |want|. */
const relError = (got: ArrayLike<number>, want: ArrayLike<number>) => norm(minus(got, want)) / norm(want);

describe('Hessian-vector products through the MLP (R operator)', () => {
  it.each<Activation>(['tanh', 'leakyRelu', 'relu'])('%s: equal central differences of the gradients, for parameters and inputs', (act) => {
    const net = new Mlp([2, 6, 5, 1], act);
    net.init(new Rng(4));
    for (let i = 0; i < net.params.length; i++) net.params[i] += 0.1 * Math.sin(3 * i);
    const x = Float64Array.from({ length: 14 }, (_, i) => 1.3 * Math.cos(2 * i));
    const c = Float64Array.from({ length: 7 }, (_, i) => 0.5 + i / 7);
    // Loss: sum of c_r s_r^2 / 2, so d loss/d s = c s and d2 loss/d s2 = c.
    const gradients = () => {
      const s = net.forward(x, 7);
      net.zeroGrad();
      const dx = Float64Array.from(
        net.backward(
          Array.from(s, (v, r) => c[r] * v),
          7,
        ),
      );
      return { params: net.grads.slice(), input: dx };
    };
    const dir = Float64Array.from(net.params, (_, i) => Math.cos(5 * i));
    gradients();
    const hp = new Float64Array(net.params.length);
    const hx = Float64Array.from(hessianVector(net, dir, null, 7, c, hp));
    const base = net.params.slice();
    const at = (h: number) => {
      net.params.set(base.map((v, i) => v + h * dir[i]));
      return gradients();
    };
    const [up, down] = [at(H), at(-H)];
    net.params.set(base);
    expect(
      relError(
        hp,
        minus(up.params, down.params).map((v) => v / (2 * H)),
      ),
    ).toBeLessThan(1e-6);
    expect(
      relError(
        hx,
        minus(up.input, down.input).map((v) => v / (2 * H)),
      ),
    ).toBeLessThan(1e-6);
  });
});

describe("the unrolled G step's gradient", () => {
  const small = (over: Partial<Lab2dConfig>): Lab2dConfig => ({
    ...lab2dDefaults(),
    batchSize: 16,
    gLayers: 1,
    gWidth: 5,
    dLayers: 1,
    dWidth: 6,
    activation: 'tanh',
    ...over,
  });

  /** A GAN after a few plain steps (so Adam's moments are not zero), with G's parameters then set to `theta`. */
  function warmed(c: Lab2dConfig, theta?: Float64Array): Gan2d {
    const gan = new Gan2d({ ...c, unroll: 0 });
    for (let i = 0; i < 4; i++) gan.trainStep();
    if (theta) gan.g.params.set(theta);
    return gan;
  }

  /** G's loss after k of D's updates, as a function of G's parameters: what the unrolled gradient differentiates. */
  function unrolledLoss(c: Lab2dConfig, theta: Float64Array, k: number): number {
    const gan = warmed(c, theta);
    for (let i = 0; i < k; i++) gan.stepD();
    return gan.gGradient();
  }

  it.each([
    ['BCE, Adam', { loss: 'bce', optimizer: 'adam' }],
    ['LSGAN, SGD', { loss: 'lsgan', optimizer: 'sgd', dLearningRate: 0.05 }],
    ['BCE, Adam, ReLU', { loss: 'bce', optimizer: 'adam', activation: 'relu' }],
  ] as const)('%s: equals central differences of the look-ahead loss, where the first-order form is far off', (_, over) => {
    const c = small({ ...over, dLearningRate: 'dLearningRate' in over ? over.dLearningRate : 0.02 });
    const k = 3;
    const theta = warmed(c).g.params.slice();
    const gan = warmed(c, theta);
    unrolledGradient(gan, k);
    const second = gan.g.grads.slice();
    // First order: the gradient against D after k steps, not through them.
    const first = warmed(c, theta);
    for (let i = 0; i < k; i++) first.stepD();
    first.gGradient();
    const numeric = Float64Array.from(theta, (_, i) => {
      const shifted = (h: number) =>
        unrolledLoss(
          c,
          Float64Array.from(theta, (v, j) => (j === i ? v + h : v)),
          k,
        );
      return (shifted(H) - shifted(-H)) / (2 * H);
    });
    expect(relError(second, numeric)).toBeLessThan(1e-5);
    expect(relError(first.g.grads, numeric)).toBeGreaterThan(1e-3);
  });
});

describe("G's loss forms with BCE", () => {
  const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
  it.each([-8, -2, 0, 3])('at score %d: minimax is log(1 - D(G(z))), non-saturating -log D(G(z)), each with its derivative', (s) => {
    const [gradM, gradN] = [new Float64Array(1), new Float64Array(1)];
    expect(gLoss('bce', [s], 1, gradM, true)).toBeCloseTo(Math.log(1 - sigmoid(s)), 12);
    expect(gLoss('bce', [s], 1, gradN, false)).toBeCloseTo(-Math.log(sigmoid(s)), 12);
    const slope = (f: (x: number) => number) => (f(s + 1e-6) - f(s - 1e-6)) / 2e-6;
    expect(gradM[0]).toBeCloseTo(
      slope((x) => Math.log(1 - sigmoid(x))),
      6,
    );
    expect(gradN[0]).toBeCloseTo(
      slope((x) => -Math.log(sigmoid(x))),
      6,
    );
  });

  it('when D rejects the fakes (D(G(z)) near 0), the minimax push vanishes and the non-saturating one does not', () => {
    const [gradM, gradN] = [new Float64Array(1), new Float64Array(1)];
    gLoss('bce', [-8], 1, gradM, true);
    gLoss('bce', [-8], 1, gradN, false);
    expect(Math.abs(gradM[0])).toBeLessThan(1e-3);
    expect(Math.abs(gradN[0])).toBeGreaterThan(0.99);
  });
});
