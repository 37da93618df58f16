import { MetricHistory } from '../../shared/metricHistory';
import type { Lab2dLayers, Lab2dStats } from '../../shared/lab2dProtocol';
import type { MetricPoint } from '../../shared/protocol';
import { AutosaveClock } from '../loop/clock';
import type { Gan2d } from './gan2d';
import { saveLabRun, type SavedLab } from './runFile';

/** While training, a save this often; pausing saves too. */
export const LAB_AUTOSAVE_MS = 15_000;

/** Hands a lab run's bytes to storage (the worker posts them to the page, which keeps the run its resume offer reads). */
export type StoreLabRun = (bytes: Uint8Array, step: number) => void;

/**
 * What a lab run file holds beyond the GANs, kept in the worker as the page
 * sees it (each chart's points and measurements), so a save, by hand or by
 * the loop's autosave clock, needs nothing from the page.
 */
export class LabRecord {
  private histories: MetricHistory[] = [];
  private stats: Lab2dStats[][] = [];
  readonly clock: AutosaveClock;

  constructor(
    private readonly store: StoreLabRun | null,
    now: () => number,
  ) {
    this.clock = new AutosaveClock(store ? LAB_AUTOSAVE_MS : 0, now);
  }

  /** A new run of `labs` labs (`saved`: the step already in storage, -1 if none). */
  restart(labs: number, saved = -1): void {
    this.histories = Array.from({ length: labs }, () => new MetricHistory());
    this.stats = Array.from({ length: labs }, () => []);
    this.clock.restart(saved);
  }

  /** An opened run: its charts as the file holds them. */
  open(labs: Pick<SavedLab, 'history' | 'stats'>[]): void {
    this.restart(labs.length);
    labs.forEach((l, i) => {
      this.histories[i].replace(l.history);
      this.stats[i] = [...l.stats];
    });
  }

  /** What a metrics message posted for lab `index`. */
  add(index: number, points: MetricPoint[], stats: Lab2dStats | null): void {
    this.histories[index]?.push(points);
    if (stats) this.stats[index]?.push(stats);
  }

  /** A rollback: the charts keep no point past `step`, as the page's. */
  dropAfter(step: number): void {
    this.histories.forEach((h) => h.truncateAfter(step));
    this.stats = this.stats.map((list) => list.filter((s) => s.step <= step));
  }

  pack(gans: Gan2d[], drawn: number[], layers: Lab2dLayers): Uint8Array {
    return saveLabRun(
      gans.map((gan, i) => ({ gan, history: this.histories[i]?.toRows() ?? new Float64Array(0), stats: this.stats[i] ?? [] })),
      drawn,
      layers,
    );
  }

  /** Stores the run if it holds a step not stored yet. */
  autosave(gans: Gan2d[], drawn: number[], layers: Lab2dLayers): void {
    const step = gans[0]?.step ?? 0;
    if (!this.store || !this.clock.worthSaving(step)) return;
    this.clock.taken();
    this.store(this.pack(gans, drawn, layers), step);
    this.clock.stored(step);
  }
}
