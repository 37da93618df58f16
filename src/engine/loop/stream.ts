import type { MetricPoint, WorkerEvent } from '../../shared/protocol';
import type { RgbaImage } from '../../shared/protocol';
import type { SessionTask } from './plugin';
import type { LoopServices } from './services';
import { METRICS_EVERY_MS, SpeedWindow } from './clock';

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
  private readonly speed = new SpeedWindow();
  /** A copy of the last grid sent, for the runs list's thumbnail. */
  lastGrid: RgbaImage | null = null;
  /** Sees each grid before its pixels are transferred (the timelapse and real-vs-fake views). */
  onGrid: ((task: SessionTask, grid: RgbaImage) => Promise<void>) | null = null;

  constructor(
    private readonly post: (event: WorkerEvent, transfer?: Transferable[]) => void,
    private readonly engine: Pick<LoopServices, 'memory' | 'adamKernel'>,
  ) {}

  /** Training (re)starts: the speed window starts now. */
  startWindow(): void {
    this.speed.restart();
  }

  /** Time spent on something else (a quality evaluation) does not count against the speed. */
  exclude(ms: number): void {
    this.speed.exclude(ms);
  }

  clear(): void {
    this.pending = [];
  }

  add(points: MetricPoint[]): void {
    this.pending.push(...points);
    this.speed.add(points.length);
  }

  /** Drops unsent points after `step` (a rollback). */
  dropAfter(step: number): void {
    this.pending = this.pending.filter((p) => p.step <= step);
  }

  /** Sends what is due; `now` forces both. */
  async flushDue(task: SessionTask, running: boolean, force: boolean): Promise<void> {
    const now = performance.now();
    if (force || now - this.lastMetrics >= METRICS_EVERY_MS) this.metrics(task, running);
    if (force || now - this.lastSamples >= SAMPLES_EVERY_MS) await this.samples(task);
  }

  metrics(task: SessionTask | null, running: boolean): void {
    this.lastMetrics = performance.now();
    if (!this.pending.length || !task) return;
    const { secs, steps } = this.speed.read();
    const imgPerSec = running && secs > 0 ? (steps * task.config.batchSize) / secs : 0;
    this.post({
      type: 'metrics',
      points: this.pending,
      imgPerSec,
      msPerStep: steps ? (secs * 1000) / steps : 0,
      ...task.takeTiming(),
      adam: this.engine.adamKernel(),
    });
    this.pending = [];
    if (secs > 2) this.startWindow();
    this.memory();
  }

  async samples(task: SessionTask | null): Promise<void> {
    if (!task) return;
    this.lastSamples = performance.now();
    const grid = await task.sampleGrid();
    this.lastGrid = { ...grid, pixels: grid.pixels.slice() };
    await this.onGrid?.(task, grid);
    this.post({ type: 'samples', step: task.stepCount, ...grid }, [grid.pixels.buffer]);
  }

  memory(): void {
    const m = this.engine.memory();
    this.post({ type: 'memory', numTensors: m.numTensors, numBytes: m.numBytes });
  }
}
