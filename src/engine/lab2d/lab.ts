import { Rng } from '../../shared/rng';
import { modesOf } from '../../shared/lab2dData';
import type { Lab2dFrame, Lab2dLayers, Lab2dPhaseReport, Lab2dStats } from '../../shared/lab2dProtocol';
import type { MetricPoint } from '../../shared/protocol';
import type { Gan2d } from './gan2d';
import { Lab2dPhases } from './phases';
import { histogram, js, kl, modeCoverage } from './metrics';
import { heatPixels, heatValues, meshPoints, MESH_SIZE, pushArrows } from './views';

// One lab of a run (A, or B beside it) and what it shows: its frames and its measurements.

export const SHOWN_POINTS = 400;
export const EVAL_POINTS = 2000;
/** One lab and what it shows: fixed real points and a fixed noise set, so the picture moves only as G and D learn. */
export interface Lab {
  gan: Gan2d;
  shownReal: Float64Array;
  shownNoise: Float64Array;
  evalReal: Float64Array;
  evalNoise: Float64Array;
  pending: MetricPoint[];
  phases: Lab2dPhases;
  /** The phase just run, while a step is taken apart (its frame shows that step's batch). */
  phase: Lab2dPhaseReport | null;
}

export function buildLab(gan: Gan2d): Lab {
  const c = gan.config;
  // Their own streams: drawing the views never changes the training's random numbers.
  const show = new Rng(c.seed ^ 0x5eed);
  const shownReal = new Float64Array(2 * SHOWN_POINTS);
  gan.sample(show, shownReal, SHOWN_POINTS);
  const shownNoise = Float64Array.from({ length: SHOWN_POINTS * c.noiseSize }, () => show.normal());
  const evalReal = new Float64Array(2 * EVAL_POINTS);
  gan.sample(show, evalReal, EVAL_POINTS);
  const evalNoise = Float64Array.from({ length: EVAL_POINTS * c.noiseSize }, () => show.normal());
  return { gan, shownReal, shownNoise, evalReal, evalNoise, pending: [], phases: new Lab2dPhases(gan), phase: null };
}

/** A frame of what the layers show; without `grid` the heatmap is left out and marked kept. */
export function frameOf(lab: Lab, index: number, layers: Lab2dLayers, grid: Float64Array | null): Lab2dFrame {
  const { gan } = lab;
  const view = lab.phases.view;
  const fake = view ? view.fake : new Float64Array(2 * SHOWN_POINTS);
  if (!view) gan.generate(lab.shownNoise, SHOWN_POINTS, fake);
  const arrows = !layers.arrows ? null : view ? view.arrows && view.arrows.slice() : pushArrows(gan, fake, SHOWN_POINTS);
  return {
    index,
    step: gan.step,
    real: Float32Array.from(view ? view.real : lab.shownReal),
    fake: Float32Array.from(fake),
    noise: firstTwo(view ? view.noise : lab.shownNoise, gan.config.noiseSize),
    arrows,
    mesh: layers.mesh ? meshPoints(gan) : null,
    meshSize: MESH_SIZE,
    heat: layers.heatmap && grid ? heatPixels(gan.config.loss, heatValues(gan, grid)) : null,
    heatKept: layers.heatmap && !grid,
    phase: lab.phase,
  };
}

/** Each noise row's first two dimensions (the second 0 for 1-d noise), for the side view. */
function firstTwo(noise: Float64Array, k: number): Float32Array {
  const n = noise.length / k;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = noise[i * k];
    out[2 * i + 1] = k > 1 ? noise[i * k + 1] : 0;
  }
  return out;
}

export function statsOf(lab: Lab): Lab2dStats {
  const { gan } = lab;
  const fake = new Float64Array(2 * EVAL_POINTS);
  gan.generate(lab.evalNoise, EVAL_POINTS, fake);
  const p = histogram(lab.evalReal, EVAL_POINTS);
  const q = histogram(fake, EVAL_POINTS);
  const modes = modesOf(gan.config.data);
  const cover = modes.length ? modeCoverage(fake, EVAL_POINTS, modes) : null;
  return {
    step: gan.step,
    kl: kl(p, q),
    js: js(p, q),
    modesCovered: cover?.covered ?? null,
    modesTotal: modes.length,
    highQuality: cover?.highQuality ?? null,
  };
}
