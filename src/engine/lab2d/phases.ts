import type { RngState } from '../../shared/rng';
import { PHASES, type MetricPoint } from '../../shared/protocol';
import type { Lab2dPhaseReport } from '../../shared/lab2dProtocol';
import type { DBatch, Gan2d } from './gan2d';
import { shownScore } from './losses';
import { pushArrows } from './views';

/** This step's batch as the canvas shows it during the phases (data coordinates). */
export interface PhaseView {
  real: Float64Array;
  noise: Float64Array;
  /** Empty until `generate`. */
  fake: Float64Array;
  /** From `generatorThroughD` (the push) on. */
  arrows: Float32Array | null;
}

/**
 * One lab step taken apart into the six phases every task uses, each run for real: `noise`
 * draws D's batch and `updateD` makes the very update `stepD` makes, and
 * `updateG` is `stepG`, so after it the run is exactly where `trainStep`
 * would have left it. The phases between only look (no random numbers, no
 * change), and `generatorThroughD` shows the push: arrows on this batch's fakes.
 */
export class Lab2dPhases {
  private index = 0;
  private batch: DBatch | null = null;
  private start: RngState | null = null;
  view: PhaseView | null = null;

  constructor(private readonly gan: Gan2d) {}

  get started(): boolean {
    return this.index > 0;
  }

  /** Runs the next phase; after `updateG`, `point` is the step's point on the chart. */
  advance(): { report: Lab2dPhaseReport; point: MetricPoint | null } {
    const phase = PHASES[this.index];
    this.index = (this.index + 1) % PHASES.length;
    const { gan } = this;
    const n = gan.config.batchSize;
    if (phase === 'noise') {
      this.start = gan.rng.getState();
      this.batch = gan.drawDBatch();
      this.view = { real: this.batch.real, noise: this.batch.noise, fake: new Float64Array(0), arrows: null };
      return { report: { phase }, point: null };
    }
    const [batch, view] = [this.batch as DBatch, this.view as PhaseView];
    if (phase === 'generate') {
      view.fake = new Float64Array(2 * n);
      gan.generate(batch.noise, n, view.fake);
      return { report: { phase }, point: null };
    }
    if (phase === 'discriminate') return { report: { phase, dReal: this.meanScore(batch.real), dFake: this.meanScore(view.fake) }, point: null };
    if (phase === 'updateD') {
      const dLoss = gan.stepD(batch);
      for (let i = 1; i < gan.config.dSteps; i++) gan.stepD();
      return { report: { phase, dLoss, dUpdates: gan.config.dSteps, dReal: this.meanScore(batch.real), dFake: this.meanScore(view.fake) }, point: null };
    }
    if (phase === 'generatorThroughD') {
      view.arrows = pushArrows(gan, view.fake, n);
      let total = 0;
      for (let i = 0; i < n; i++) total += Math.hypot(view.arrows[2 * i], view.arrows[2 * i + 1]) / n;
      return { report: { phase, meanPush: total }, point: null };
    }
    const before = view.fake.slice();
    const point = gan.countStep(gan.stepG());
    gan.generate(batch.noise, n, view.fake);
    let moved = 0;
    for (let i = 0; i < n; i++) moved += Math.hypot(view.fake[2 * i] - before[2 * i], view.fake[2 * i + 1] - before[2 * i + 1]) / n;
    view.arrows = null;
    this.batch = null;
    return { report: { phase, gLoss: point.gLoss, moved }, point };
  }

  /**
   * Ends a half-done step before anything else trains or rebuilds: before
   * D's update nothing has changed, so the drawn batch is put back; after
   * it, G's update runs so the run never holds half a step. Returns that
   * step's point, if one was finished.
   */
  settle(): MetricPoint | null {
    const next = PHASES[this.index];
    let point: MetricPoint | null = null;
    if (this.index > 0 && PHASES.indexOf(next) <= PHASES.indexOf('updateD')) this.gan.rng.setState(this.start as RngState);
    else if (this.index > 0) point = this.gan.countStep(this.gan.stepG());
    this.index = 0;
    this.batch = null;
    this.view = null;
    return point;
  }

  private meanScore(points: Float64Array): number {
    const n = this.gan.config.batchSize;
    const scores = this.gan.d.forward(points, n);
    let total = 0;
    for (let i = 0; i < n; i++) total += shownScore(this.gan.config.loss, scores[i]) / n;
    return total;
  }
}
