import { HEAT_SIZE } from '../../shared/lab2dProtocol';
import { VIEW } from '../../shared/lab2dData';
import type { LossKind } from '../../shared/protocol';
import { gLoss } from './losses';
import type { Gan2d } from './gan2d';

/**
 * The canvas's views, computed in the worker: D's verdict on a grid (as
 * pixels), G's image of a noise-space grid, and the push on each fake.
 */

/** The centres of a size x size grid over the view, row 0 at the top, as x, y pairs. */
export function viewGrid(size = HEAT_SIZE): Float64Array {
  const out = new Float64Array(2 * size * size);
  const cell = (2 * VIEW) / size;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      out[2 * (r * size + c)] = -VIEW + (c + 0.5) * cell;
      out[2 * (r * size + c) + 1] = VIEW - (r + 0.5) * cell;
    }
  }
  return out;
}

/** D's raw outputs on the view grid. */
export function heatValues(gan: Gan2d, grid: Float64Array): Float64Array {
  return Float64Array.from(gan.d.forward(grid, grid.length / 2));
}

/** How real D calls a score, in [0, 1]: a probability for BCE, a clamped or rescaled score otherwise. */
export function realness(loss: LossKind, s: number, spread: number): number {
  if (loss === 'bce') return 1 / (1 + Math.exp(-s));
  if (loss === 'lsgan') return Math.min(1, Math.max(0, s));
  if (loss === 'hinge') return Math.min(1, Math.max(0, (s + 1) / 2));
  return 0.5 + (0.5 * s) / spread;
}

const FAKE = [122, 70, 170];
const REAL = [52, 160, 90];

/** D's verdict as RGBA pixels: green where D says real, purple where it says fake (GAN Lab's colours). */
export function heatPixels(loss: LossKind, values: Float64Array): Uint8ClampedArray {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let spread = 1e-9;
  for (const v of values) spread = Math.max(spread, Math.abs(v - mean));
  const out = new Uint8ClampedArray(values.length * 4);
  values.forEach((s, i) => {
    const r = realness(loss, loss === 'wgan-gp' ? s - mean : s, spread);
    for (let k = 0; k < 3; k++) out[4 * i + k] = 20 + (FAKE[k] - 20) * (1 - r) * 0.8 + (REAL[k] - 20) * r * 0.8;
    out[4 * i + 3] = 255;
  });
  return out;
}

export const MESH_SIZE = 17;
/** The noise-space square the mesh spans: +-2 std covers ~95% of each noise axis. */
export const MESH_SPAN = 2;

/** G's image of a grid on the noise's first two axes (the others held at 0), x, y pairs row by row. */
export function meshPoints(gan: Gan2d, size = MESH_SIZE): Float32Array {
  const k = gan.config.noiseSize;
  const z = new Float64Array(size * size * k);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * k;
      z[i] = -MESH_SPAN + (2 * MESH_SPAN * c) / (size - 1);
      if (k > 1) z[i + 1] = MESH_SPAN - (2 * MESH_SPAN * r) / (size - 1);
    }
  }
  return Float32Array.from(gan.g.forward(z, size * size));
}

/** Minus d(G's loss)/d(fake) for each fake: the direction G's update moves it; short arrows are vanishing gradients. */
export function pushArrows(gan: Gan2d, fakes: Float64Array, n: number): Float32Array {
  const grad = new Float64Array(n);
  gLoss(gan.config.loss, gan.d.forward(fakes, n), n, grad, gan.config.gLossForm === 'minimax');
  // Per point, not per batch mean: undo the loss's 1/n.
  for (let i = 0; i < n; i++) grad[i] *= n;
  const dx = gan.d.backward(grad, n, false);
  return Float32Array.from(dx, (v) => -v);
}
