import { MetricHistory } from '../../shared/metricHistory';
import { LAB_AUTOSAVE_MS } from '../../shared/labAutosave';
import type { Lab2dLayers, Lab2dStats } from '../../shared/lab2dProtocol';
import type { MetricPoint } from '../../shared/protocol';
import { AutosaveClock } from '../loop/clock';
import type { Gan2d } from './gan2d';
import { saveLabRun, type SavedLab } from './runFile';

/** Stores a lab run's bytes (IndexedDB in the worker); false where the browser blocks storage. */
export type StoreLabRun = (bytes: Uint8Array, step: number) => Promise<boolean>;

/**
 * What a lab run file holds beyond the GANs, kept in the worker as the page
 * sees it (each chart's points and measurements), so a save, by hand or by
 * the loop's autosave clock, needs nothing from the page.
 */
export class LabRecord {
  private histories: MetricHistory[] = [];
  private stats: Lab2dStats[][] = [];
  readonly clock: AutosaveClock;
  private saving = false;

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

  /** Stores the run if it holds a step not stored yet; one save at a time. Resolves with whether storage took it (null: nothing to save). */
  async autosave(gans: Gan2d[], drawn: number[], layers: Lab2dLayers): Promise<boolean | null> {
    const step = gans[0]?.step ?? 0;
    if (!this.store || this.saving || !this.clock.worthSaving(step)) return null;
    this.saving = true;
    this.clock.taken();
    try {
      const stored = await this.store(this.pack(gans, drawn, layers), step);
      if (stored) this.clock.stored(step);
      return stored;
    } finally {
      this.saving = false;
    }
  }
}
