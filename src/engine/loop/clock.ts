// The loop's clocks, shared by every task and by the 2D lab's worker: plain numbers, no imports.

/** Steps between the copies a NaN rolls back to: a rollback loses at most this many. */
export const KEEP_EVERY = 100;

/** Whether the last `k` steps up to `step` crossed a multiple of KEEP_EVERY (a copy is due). */
export const keepDue = (step: number, k: number): boolean => Math.floor(step / KEEP_EVERY) > Math.floor((step - k) / KEEP_EVERY);

/**
 * The autosave clock: a save is due once `intervalMs` has passed since the
 * last one (or the run's start) and the step is not the one already stored.
 */
export class AutosaveClock {
  private last: number;
  private savedStep = -1;

  constructor(
    /** 0 turns autosave off. */
    public intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** A new or loaded run: `savedStep` is the step already in storage (-1: none). */
  restart(savedStep: number): void {
    this.savedStep = savedStep;
    this.last = this.now();
  }

  due(step: number): boolean {
    return this.intervalMs > 0 && step !== this.savedStep && this.now() - this.last >= this.intervalMs;
  }

  /** Whether a save of `step` would store anything new (off, step 0 and the stored step do not). */
  worthSaving(step: number): boolean {
    return this.intervalMs > 0 && step > 0 && step !== this.savedStep;
  }

  /** A save was taken now (the interval counts from here). */
  taken(): void {
    this.last = this.now();
  }

  /** `step` is in storage. */
  stored(step: number): void {
    this.savedStep = step;
  }
}

/** Metric messages at most this often (~10/s) while training, for every task. */
export const METRICS_EVERY_MS = 100;

/** The speed window: steps counted against time since its start, less time spent on something else (a measure). */
export class SpeedWindow {
  private start: number;
  private steps = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.start = now();
  }

  restart(): void {
    this.start = this.now();
    this.steps = 0;
  }

  add(steps: number): void {
    this.steps += steps;
  }

  exclude(ms: number): void {
    this.start += ms;
  }

  /** The window so far: its seconds and its steps. */
  read(): { secs: number; steps: number } {
    return { secs: (this.now() - this.start) / 1000, steps: this.steps };
  }
}
