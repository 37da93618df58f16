import { parseLab2dCommand } from '../../shared/lab2dConfig';
import { lab2dLayerDefaults } from '../../shared/lab2dSettings';
import type { Lab2dCommand, Lab2dEvent, Lab2dLayers } from '../../shared/lab2dProtocol';
import { messageOf } from '../../shared/errors';
import { Gan2d } from './gan2d';
import { Lab2dPhases } from './phases';
import { openLabRun } from './runFile';
import { LabRecord, type StoreLabRun } from './record';
import { METRICS_EVERY_MS, SpeedWindow } from '../loop/clock';
import { firstBad, LastGood } from './lastGood';
import { productKernel } from './simdProduct';
import { digestGan } from './stateDigest';
import { viewGrid } from './views';
import { buildLab, frameOf, statsOf, type Lab } from './lab';

/** A little under 1/30 s: frames are due at least 30 times a second even when a slice overruns. */
const FRAME_MS = 30;
const STATS_MS = 500;
const SLICE_MS = 12;
/** D's heatmap is 4,096 evaluations of D, more than a training step: ~10 a second is enough to watch it move. */
const HEAT_MS = 100;

export type Post = (event: Lab2dEvent, transfer?: Transferable[]) => void;

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
  private readonly speed: SpeedWindow;
  /** The last whole second's speed: the speed line holds still between seconds and while paused. */
  private stepsPerSecond = 0;
  /** The painted points the labs were built on, for a saved run. */
  private drawn: number[] = [];
  private readonly lastGood = new LastGood();
  private readonly record: LabRecord;

  /** `testHooks`: answer readState (a worker started for `?faults`); any other session refuses it. `store`: where autosaves go (none: off). */
  constructor(
    private readonly post: Post,
    private readonly now: () => number = () => performance.now(),
    private readonly testHooks = false,
    store: StoreLabRun | null = null,
  ) {
    this.record = new LabRecord(store, now);
    this.speed = new SpeedWindow(now);
  }

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
        this.record.restart(this.labs.length);
        this.drawn = cmd.drawn;
        this.publish(true);
      } else if (cmd.type === 'run') {
        // Paused: the canvas and the chart show where training stopped, not the last frame before it, and the run is saved.
        const pausing = this.running && !cmd.running;
        this.running = cmd.running;
        if (pausing) this.publish(false);
        if (pausing) this.autosave();
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
      const bytes = this.record.pack(this.gans, this.drawn, this.layers);
      return this.post({ type: 'runFile', bytes, step: this.labs[0]?.gan.step ?? 0, purpose: 'download' }, [bytes.buffer]);
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
    this.record.open(opened.labs);
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
    this.record.dropAfter(step);
    if (this.running) this.autosave();
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
    this.speed.add(steps);
    const window = this.speed.read();
    if (window.secs >= 1) {
      this.stepsPerSecond = window.steps / window.secs;
      this.speed.restart();
    }
    const t = this.now();
    if (t - this.lastFrame >= FRAME_MS) this.postFrames(t - this.lastHeat >= HEAT_MS);
    if (t - this.lastMetrics >= METRICS_EVERY_MS) this.postMetrics(t - this.lastStats >= STATS_MS);
    if (this.record.clock.due(this.labs[0]?.gan.step ?? 0)) this.autosave();
  }

  /** Stores the run: on the loop's autosave clock while training, and on pause. */
  private autosave(): void {
    this.record.autosave(this.gans, this.drawn, this.layers);
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
      this.record.add(index, lab.pending, stats);
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
