import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import { HEAT_SIZE } from '../../src/shared/lab2dProtocol';
import { Mlp, type Activation } from '../../src/engine/lab2d/mlp';
import { addGradientPenalty } from '../../src/engine/lab2d/gradientPenalty';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { heatPixels, heatValues, realness, viewGrid } from '../../src/engine/lab2d/views';
import { expectClose } from './expectClose';

const ACTS: Activation[] = ['relu', 'leakyRelu', 'tanh'];
const H = 1e-6;

/** Central finite differences of f with respect to every parameter of `net`. */
function numeric(net: Mlp, f: () => number): Float64Array {
  return Float64Array.from(net.params, (_, i) => {
    const keep = net.params[i];
    net.params[i] = keep + H;
    const up = f();
    net.params[i] = keep - H;
    const down = f();
    net.params[i] = keep;
    return (up - down) / (2 * H);
  });
}

function net(act: Activation, sizes = [2, 5, 4, 1]): Mlp {
  const m = new Mlp(sizes, act);
  m.init(new Rng(3));
  // Non-zero biases, so ReLU kinks are not all at the origin.
  for (let i = 0; i < m.params.length; i++) m.params[i] += 0.05 * Math.sin(i);
  return m;
}

const input = Float64Array.from({ length: 12 }, (_, i) => Math.cos(3 * i) * 1.5);
const weights = Float64Array.from({ length: 6 }, (_, i) => 1 + i);

describe('plain-JS MLP', () => {
  it.each(ACTS)('%s: backward matches finite differences, for parameters and inputs', (act) => {
    const m = net(act);
    // Loss: a weighted sum of the outputs.
    const loss = () => m.forward(input, 6).reduce((s, v, i) => s + v * weights[i], 0);
    m.zeroGrad();
    loss();
    const dx = Float64Array.from(m.backward(weights, 6));
    expectClose(m.grads, numeric(m, loss), 1e-6);
    const dxNumeric = Float64Array.from(input, (_, i) => {
      const at = (d: number) => {
        const x = input.slice();
        x[i] += d;
        return m.forward(x, 6).reduce((s, v, j) => s + v * weights[j], 0);
      };
      return (at(H) - at(-H)) / (2 * H);
    });
    expectClose(dx, dxNumeric, 1e-6);
  });

  it.each(ACTS)("%s: the gradient penalty's parameter gradient matches finite differences", (act) => {
    const m = net(act);
    const pts = input.slice();
    const penalty = () => {
      const g = m.grads.slice();
      const v = addGradientPenalty(m, pts, 6, 0.7);
      m.grads.set(g);
      return v;
    };
    m.zeroGrad();
    addGradientPenalty(m, pts, 6, 0.7);
    expectClose(m.grads, numeric(m, penalty), 1e-6);
  });
});

describe('2D GAN', () => {
  it('unrolled with k = 0 is exactly the plain step', () => {
    const [a, b] = [new Gan2d({ ...lab2dDefaults(), batchSize: 32 }), new Gan2d({ ...lab2dDefaults(), batchSize: 32 })];
    for (let i = 0; i < 20; i++) {
      a.stepD();
      a.stepG();
      b.stepD();
      b.plainStepG();
    }
    expect(Array.from(a.g.params)).toEqual(Array.from(b.g.params));
    expect(Array.from(a.d.params)).toEqual(Array.from(b.d.params));
  });

  it('an unrolled G step leaves D and its optimizer exactly as they were, and differs from the plain one', () => {
    const c = { ...lab2dDefaults(), batchSize: 32, unroll: 5 };
    const gan = new Gan2d(c);
    const plain = new Gan2d({ ...c, unroll: 0 });
    for (let i = 0; i < 5; i++) {
      gan.trainStep();
      plain.trainStep();
    }
    const d = Array.from(gan.d.params);
    const moments = gan.dOpt.save();
    gan.stepG();
    expect(Array.from(gan.d.params)).toEqual(d);
    expect(gan.dOpt.save()).toEqual(moments);
    expect(Array.from(gan.g.params)).not.toEqual(Array.from(plain.g.params));
  });

  it("the heatmap is D evaluated point by point on the grid, coloured by D's verdict", () => {
    const gan = new Gan2d({ ...lab2dDefaults(), batchSize: 32 });
    for (let i = 0; i < 10; i++) gan.trainStep();
    const grid = viewGrid();
    const values = heatValues(gan, grid);
    expect(values).toHaveLength(HEAT_SIZE * HEAT_SIZE);
    for (const i of [0, 63, 64 * 31 + 17, 4095]) expect(values[i]).toBe(gan.d.forward([grid[2 * i], grid[2 * i + 1]], 1)[0]);
    // Row 0 is the top of the view: the top-left cell is at (-x, +y).
    expect(grid[0]).toBeLessThan(0);
    expect(grid[1]).toBeGreaterThan(0);
    const px = heatPixels('bce', values);
    const greenest = values.indexOf(Math.max(...values));
    const purplest = values.indexOf(Math.min(...values));
    expect(realness('bce', values[greenest], 1)).toBeGreaterThan(realness('bce', values[purplest], 1));
    expect(px[4 * greenest + 1]).toBeGreaterThan(px[4 * purplest + 1]);
  });

  it('trains: on the ring, the fakes move from the origin towards radius 2', () => {
    const gan = new Gan2d({ ...lab2dDefaults(), batchSize: 64 });
    const radius = () => {
      const z = new Float64Array(400);
      for (let i = 0; i < 400; i++) z[i] = Math.sin(i * 1.7) * 1.2;
      const out = new Float64Array(400);
      gan.generate(z, 200, out);
      let s = 0;
      for (let i = 0; i < 200; i++) s += Math.hypot(out[2 * i], out[2 * i + 1]) / 200;
      return s;
    };
    const before = radius();
    for (let i = 0; i < 600; i++) gan.trainStep();
    expect(Math.abs(radius() - 2)).toBeLessThan(Math.abs(before - 2) / 2);
  });
});
