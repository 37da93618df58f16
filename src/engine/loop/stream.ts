import * as tf from '@tensorflow/tfjs';
import type { MetricPoint, WorkerEvent } from '../../shared/protocol';
import type { RgbaImage } from '../../shared/protocol';
import type { SessionTask } from './plugin';
import { adamKernel } from '../kernels/adamUpdate';

const METRICS_EVERY_MS = 100;
const SAMPLES_EVERY_MS = 500;

/**
 * What the worker streams to the page while training: metrics batched to
 * at most ~10 messages/s with the measured speed, the sample grid every
 * half second, and tf's memory.
 */
export class SessionStream {
  private pending: MetricPoint[] = [];
  private lastMetrics = 0;
  private lastSamples = 0;
  private windowStart = 0;
  private windowSteps = 0;
  /** A copy of the last grid sent, for the runs list's thumbnail. */
  lastGrid: RgbaImage | null = null;
  /** Sees each grid before its pixels are transferred (the timelapse and real-vs-fake views). */
  onGrid: ((trainer: SessionTask, grid: RgbaImage) => Promise<void>) | null = null;

  constructor(private readonly post: (event: WorkerEvent, transfer?: Transferable[]) => void) {}

  /** Training (re)starts: the speed window starts now. */
  startWindow(): void {
    this.windowStart = performance.now();
    this.windowSteps = 0;
  }

  /** Time spent on something else (a quality evaluation) does not count against the speed. */
  exclude(ms: number): void {
    this.windowStart += ms;
  }

  clear(): void {
    this.pending = [];
  }

  add(points: MetricPoint[]): void {
    this.pending.push(...points);
    this.windowSteps += points.length;
  }

  /** Drops unsent points after `step` (a rollback). */
  dropAfter(step: number): void {
    this.pending = this.pending.filter((p) => p.step <= step);
  }

  /** Sends what is due; `now` forces both. */
  async flushDue(trainer: SessionTask, running: boolean, force: boolean): Promise<void> {
    const now = performance.now();
    if (force || now - this.lastMetrics >= METRICS_EVERY_MS) this.metrics(trainer, running);
    if (force || now - this.lastSamples >= SAMPLES_EVERY_MS) await this.samples(trainer);
  }

  metrics(trainer: SessionTask | null, running: boolean): void {
    const now = performance.now();
    this.lastMetrics = now;
    if (!this.pending.length || !trainer) return;
    const secs = (now - this.windowStart) / 1000;
    const steps = this.windowSteps;
    const imgPerSec = running && secs > 0 ? (steps * trainer.config.batchSize) / secs : 0;
    this.post({ type: 'metrics', points: this.pending, imgPerSec, msPerStep: steps ? (secs * 1000) / steps : 0, ...trainer.takeTiming(), adam: adamKernel() });
    this.pending = [];
    if (secs > 2) this.startWindow();
    this.memory();
  }

  async samples(trainer: SessionTask | null): Promise<void> {
    if (!trainer) return;
    this.lastSamples = performance.now();
    const grid = await trainer.sampleGrid();
    this.lastGrid = { ...grid, pixels: grid.pixels.slice() };
    await this.onGrid?.(trainer, grid);
    this.post({ type: 'samples', step: trainer.stepCount, ...grid }, [grid.pixels.buffer]);
  }

  memory(): void {
    const m = tf.memory();
    this.post({ type: 'memory', numTensors: m.numTensors, numBytes: m.numBytes });
  }
}
