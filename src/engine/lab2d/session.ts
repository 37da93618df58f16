import { Rng } from '../../shared/rng';
import { modesOf } from '../../shared/lab2dData';
import { parseLab2dCommand } from '../../shared/lab2dConfig';
import { lab2dLayerDefaults } from '../../shared/lab2dSettings';
import type { Lab2dCommand, Lab2dEvent, Lab2dFrame, Lab2dLayers, Lab2dPhaseReport, Lab2dStats } from '../../shared/lab2dProtocol';
import type { MetricPoint } from '../../shared/protocol';
import { messageOf } from '../../shared/errors';
import { Gan2d } from './gan2d';
import { Lab2dPhases } from './phases';
import { openLabRun, saveLabRun } from './runFile';
import { firstBad, LastGood } from './lastGood';
import { productKernel } from './simdProduct';
import { digestGan } from './stateDigest';
import { histogram, js, kl, modeCoverage } from './metrics';
import { heatPixels, heatValues, meshPoints, MESH_SIZE, pushArrows, viewGrid } from './views';

export const SHOWN_POINTS = 400;
export const EVAL_POINTS = 2000;
/** A little under 1/30 s: frames are due at least 30 times a second even when a slice overruns. */
const FRAME_MS = 30;
const METRICS_MS = 100;
const STATS_MS = 500;
const SLICE_MS = 12;
/** D's heatmap is 4,096 evaluations of D, more than a training step: ~10 a second is enough to watch it move. */
const HEAT_MS = 100;

export type Post = (event: Lab2dEvent, transfer?: Transferable[]) => void;

/** One lab and what it shows: fixed real points and a fixed noise set, so the picture moves only as G and D learn. */
interface Lab {
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

function buildLab(gan: Gan2d): Lab {
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

/** The 2D lab's loop: commands between steps, training in short slices, frames at ~30/s, metrics at ~10/s. */
export class Lab2dSession {
  private labs: Lab[] = [];
  private running = false;
  private layers: Lab2dLayers = lab2dLayerDefaults();
  private readonly grid = viewGrid();
  private lastFrame = -Infinity;
  private lastMetrics = -Infinity;
  private lastStats = -Infinity;
  private lastHeat = -Infinity;
  private windowStart = 0;
  private windowSteps = 0;
  private stepsPerSecond = 0;
  /** The painted points the labs were built on, for a saved run. */
  private drawn: number[] = [];
  private readonly lastGood = new LastGood();

  /** `testHooks`: answer readState (a worker started for `?faults`); any other session refuses it. */
  constructor(
    private readonly post: Post,
    private readonly now: () => number = () => performance.now(),
    private readonly testHooks = false,
  ) {}

  get isRunning(): boolean {
    return this.running && this.labs.length > 0;
  }

  receive(raw: unknown): void {
    try {
      const cmd = parseLab2dCommand(raw);
      if (cmd.type === 'readState') return this.readState();
      if (cmd.type === 'step' && cmd.what === 'phase') return this.advancePhase();
      // Anything else that trains or rebuilds finds whole steps only.
      if ((cmd.type === 'run' && cmd.running) || cmd.type === 'step') this.settlePhases();
      if (cmd.type === 'exportRun' || cmd.type === 'openRun') return this.runFile(cmd);
      if (cmd.type === 'reset') {
        this.labs = cmd.configs.map((c) => buildLab(new Gan2d(c, cmd.drawn)));
        this.lastGood.keep(this.gans);
        this.drawn = cmd.drawn;
        this.publish(true);
      } else if (cmd.type === 'run') {
        // Paused: the canvas and the chart show where training stopped, not the last frame before it.
        if (this.running && !cmd.running) this.publish(false);
        this.running = cmd.running;
      } else if (cmd.type === 'live') this.labs[cmd.index]?.gan.setLive(cmd.params);
      else if (cmd.type === 'layers') {
        this.layers = cmd.layers;
        this.publish(false);
      } else {
        // A phase step returned above: this is a whole step, or one side's update.
        for (const lab of this.labs) lab.pending.push(cmd.what === 'both' ? lab.gan.trainStep() : lab.gan.partialStep(cmd.what as 'd' | 'g'));
        this.guard();
        this.publish(true);
      }
    } catch (e) {
      this.post({ type: 'error', message: messageOf(e) });
    }
  }

  private runFile(cmd: Extract<Lab2dCommand, { type: 'exportRun' | 'openRun' }>): void {
    this.settlePhases();
    if (cmd.type === 'exportRun') {
      const saved = this.labs.map((lab, i) => ({ gan: lab.gan, history: cmd.histories[i] ?? new Float64Array(0), stats: cmd.stats[i] ?? [] }));
      const bytes = saveLabRun(saved, this.drawn, this.layers);
      this.post({ type: 'runFile', bytes, step: this.labs[0]?.gan.step ?? 0, purpose: cmd.purpose }, [bytes.buffer]);
      return;
    }
    let opened: ReturnType<typeof openLabRun>;
    try {
      opened = openLabRun(cmd.bytes);
    } catch (e) {
      this.post({ type: 'refused', message: messageOf(e) });
      return;
    }
    this.running = false;
    this.labs = opened.labs.map((l) => buildLab(l.gan));
    this.lastGood.keep(this.gans);
    [this.drawn, this.layers] = [opened.drawn, opened.layers];
    const histories = opened.labs.map((l) => l.history);
    this.post(
      { type: 'opened', configs: opened.configs, drawn: opened.drawn, layers: opened.layers, histories, stats: opened.labs.map((l) => l.stats) },
      histories.map((h) => h.buffer as ArrayBuffer),
    );
    this.publish(true);
  }

  private readState(): void {
    if (!this.testHooks) throw new Error("Ignored 'readState': test hooks are off (open the page with ?faults).");
    this.post({ type: 'stateDigest', digests: this.labs.map((l) => digestGan(l.gan)) });
  }

  private get gans(): Gan2d[] {
    return this.labs.map((l) => l.gan);
  }

  /**
   * After steps: when a loss turned NaN or infinite, every lab goes back to
   * its last finite state, kept every few steps, and the run pauses with
   * what happened; the page drops the chart's points past that step.
   * With `keep`, a finite step may also be kept (the training loop keeps its own).
   */
  private guard(keep = true): boolean {
    const bad = firstBad(this.labs.flatMap((l) => l.pending));
    if (!bad && keep) this.lastGood.keepIfDue(this.gans);
    if (!bad) return false;
    const step = this.lastGood.restore(this.gans);
    for (const lab of this.labs) {
      lab.pending = lab.pending.filter((p) => p.step <= step);
      lab.phases = new Lab2dPhases(lab.gan);
      lab.phase = null;
    }
    this.running = false;
    const which = this.labs.length > 1 ? 'A and B' : 'the run';
    this.post({
      type: 'rolledBack',
      step,
      message: `Training diverged at step ${bad.step} (D's loss ${bad.dLoss}, G's ${bad.gLoss}): ${which} went back to step ${step}, the last finite state kept, and paused. Lower the learning rates (or use Adam) and train on.`,
    });
    return true;
  }

  private advancePhase(): void {
    this.running = false;
    for (const lab of this.labs) {
      const { report, point } = lab.phases.advance();
      lab.phase = report;
      if (point) lab.pending.push(point);
    }
    this.guard();
    this.publish(true);
  }

  private settlePhases(): void {
    for (const lab of this.labs) {
      const point = lab.phases.settle();
      if (point) lab.pending.push(point);
      lab.phase = null;
    }
  }

  /** Trains every lab for about one slice, ending when the next frame is due, then posts what is due. */
  tick(): void {
    const start = this.now();
    const slice = Math.max(1, Math.min(SLICE_MS, this.lastFrame + FRAME_MS - start));
    let steps = 0;
    while (this.now() - start < slice) {
      const points = this.labs.map((lab) => lab.gan.trainStep());
      this.labs.forEach((lab, i) => lab.pending.push(points[i]));
      steps++;
      if (firstBad(points)) break;
      this.lastGood.keepIfDue(this.gans);
    }
    // The loop kept its states step by step.
    if (this.guard(false)) return this.publish(true);
    this.windowSteps += steps;
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.stepsPerSecond = (this.windowSteps * 1000) / (t - this.windowStart);
      [this.windowStart, this.windowSteps] = [t, 0];
    }
    if (t - this.lastFrame >= FRAME_MS) this.postFrames(t - this.lastHeat >= HEAT_MS);
    if (t - this.lastMetrics >= METRICS_MS) this.postMetrics(t - this.lastStats >= STATS_MS);
  }

  /** Everything now: after a reset, a step or a layer change. */
  private publish(withStats: boolean): void {
    this.postFrames(true);
    this.postMetrics(withStats);
  }

  private postMetrics(withStats: boolean): void {
    const t = this.now();
    this.lastMetrics = t;
    if (withStats) this.lastStats = t;
    this.labs.forEach((lab, index) => {
      const stats = withStats ? statsOf(lab) : null;
      if (!lab.pending.length && !stats) return;
      this.post({ type: 'metrics', index, points: lab.pending, stats, stepsPerSecond: this.stepsPerSecond, kernel: productKernel });
      lab.pending = [];
    });
  }

  private postFrames(withHeat: boolean): void {
    this.lastFrame = this.now();
    if (withHeat) this.lastHeat = this.lastFrame;
    this.labs.forEach((lab, index) => {
      const frame = frameOf(lab, index, this.layers, withHeat ? this.grid : null);
      const transfer = [frame.real, frame.fake, frame.noise, frame.arrows, frame.mesh, frame.heat].filter((a) => a !== null).map((a) => a.buffer);
      this.post({ type: 'frame', frame }, transfer);
    });
  }
}

/** A frame of what the layers show; without `grid` the heatmap is left out and marked kept. */
function frameOf(lab: Lab, index: number, layers: Lab2dLayers, grid: Float64Array | null): Lab2dFrame {
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

function statsOf(lab: Lab): Lab2dStats {
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
