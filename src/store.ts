import { create } from 'zustand';
import type { BackendName, DatasetName, HyperparamChange, BackendReport, LiveHyperparams, LossKind, ModelKind, QualityPoint, RunConfig, RunStatus, WorkerEvent } from './protocol';
import type { PresetId } from './engine/presets';
import type { ExportMeta, ModelSummary, PhaseReport, RunSummary, SkippedFile } from './protocol';
import { assertNever } from './protocol';
import { AUTOSAVE_DEFAULT_SECONDS } from './engine/commands';
import { MetricHistory } from './engine/metricHistory';
import { MODEL_LABELS } from './engine/modelNames';
import { getKeep, listRuns, storageUse, type SavedRun } from './runStore';
import { KEEP_DEFAULT } from './runKeep';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface GridImage {
  step: number;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  /** Rows of 8 samples (10 for a conditional grid of every class). */
  rows?: number;
  /** The one class a conditional grid shows, else null. */
  classIndex?: number | null;
}

/** Settings that apply on the next Reset; `preset` is the preset whose settings the Reset applies (null: the fields as set). */
export interface Draft {
  model: ModelKind;
  dataset: DatasetName;
  seed: number;
  batchSize: number;
  loss: LossKind;
  conditional: boolean;
  instanceNoise: number;
  preset: PresetId | null;
}

export interface AppState {
  status: RunStatus;
  progress: string;
  backend: { name: BackendName; reason: string; reports: BackendReport[] } | null;
  /** The configuration the current run was built with. */
  config: RunConfig | null;
  live: LiveHyperparams | null;
  /** The run's networks, layer by layer. */
  summary: ModelSummary | null;
  /** The phases run so far of the step being taken phase by phase (empty when none is in progress or shown). */
  phases: PhaseReport[];
  /** Settings that apply on the next Reset, as edited in the control panel. */
  draft: Draft;
  setDraft(d: Partial<AppState['draft']>): void;
  /** Every metric point of the run, columnar. Mutated in place; `metricsVersion` signals change. */
  metrics: MetricHistory;
  metricsVersion: number;
  changes: HyperparamChange[];
  /** The generator's quality evaluations, oldest first. */
  quality: QualityPoint[];
  grid: GridImage | null;
  step: number;
  epoch: number;
  imgPerSec: number;
  msPerStep: number;
  /** Mean ms of the D and G updates (null on GPU backends). */
  splitMs: { d: number; g: number } | null;
  numTensors: number;
  numBytes: number;
  trainImages: number;
  notices: Notice[];
  /** The id autosave writes this run under. */
  runId: string | null;
  lastSave: { step: number; savedAt: string; bytes: number; ms: number } | null;
  autosaveSeconds: number;
  /** Saved runs, newest first, and the storage they use (refreshRuns reloads both). */
  runs: SavedRun[];
  /** How many runs not marked Keep the list keeps (stored with the runs, as the saver worker applies it). */
  keep: number;
  storage: { usage: number; quota: number } | null;
  refreshRuns(): Promise<void>;
  /** The run offered for resuming when the page opened (null once dismissed or taken). */
  resumeOffer: RunSummary | null;
  /** Whether the worker answers: silent (no message for a while) or crashed (an uncaught error). */
  worker: { state: 'ok' } | { state: 'silent'; seconds: number } | { state: 'crashed'; message: string };
  /** An opened generator download, shown on its own. */
  viewer: { fileName: string; meta: ExportMeta; seed: number; grid: GridImage | null } | null;
  /** Your images, decoded in the worker and ready for a Reset on them. */
  ownImages: { count: number; inverted: number; skipped: SkippedFile[]; preview: { width: number; height: number; pixels: Uint8ClampedArray } } | null;
  ownImagesBusy: boolean;
  /** Earlier runs of this page session, newest first, kept for comparing curves. */
  pastRuns: PastRun[];
  /** What the charts show: run `a` solid, run `b` dashed over it ('current' is the live run). */
  compare: { a: string; b: string | null };
  dismiss(id: number): void;
  notify(kind: Notice['kind'], message: string): void;
  apply(event: WorkerEvent): void;
}

export interface PastRun {
  runId: string;
  label: string;
  metrics: MetricHistory;
}

/** Enough to compare a morning's experiments; each is 48 bytes a step. */
const MAX_PAST_RUNS = 8;

let noticeId = 0;

/** The run being replaced joins the past runs (unless it continues under the same id); the charts go back to showing the new run. */
function keepPast(s: AppState, nextRunId: string): Pick<AppState, 'pastRuns' | 'compare'> {
  const { runId, config, metrics, pastRuns } = s;
  if (!runId || !config || runId === nextRunId || metrics.length === 0) return { pastRuns, compare: s.compare };
  const last = metrics.last();
  const label = `${MODEL_LABELS[config.model]}, ${config.dataset}, G ${config.gLearningRate} / D ${config.dLearningRate}, to step ${last?.step ?? 0}`;
  const kept = [{ runId, label, metrics }, ...pastRuns.filter((r) => r.runId !== runId)].slice(0, MAX_PAST_RUNS);
  const b = s.compare.b;
  return { pastRuns: kept, compare: { a: 'current', b: b && kept.some((r) => r.runId === b) ? b : null } };
}

/** The first few skipped files in a sentence (the notice stays short; the panel lists them all). */
function describeSkipped(skipped: SkippedFile[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${s.name} ${s.reason}`);
  return shown.join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more.` : '.');
}

export const useApp = create<AppState>()((set, get) => ({
  status: 'loading',
  progress: 'Starting the training worker…',
  backend: null,
  config: null,
  live: null,
  summary: null,
  phases: [],
  draft: { model: 'mlp', dataset: 'mnist', seed: 42, batchSize: 64, loss: 'bce', conditional: false, instanceNoise: 0, preset: null },
  setDraft: (d) => set({ draft: { ...get().draft, ...d } }),
  metrics: new MetricHistory(),
  metricsVersion: 0,
  changes: [],
  quality: [],
  grid: null,
  step: 0,
  epoch: 0,
  imgPerSec: 0,
  msPerStep: 0,
  splitMs: null,
  numTensors: 0,
  numBytes: 0,
  trainImages: 0,
  notices: [],
  runId: null,
  lastSave: null,
  autosaveSeconds: AUTOSAVE_DEFAULT_SECONDS,
  runs: [],
  keep: KEEP_DEFAULT,
  storage: null,
  refreshRuns: async () => {
    try {
      const [runs, storage, keep] = await Promise.all([listRuns(), storageUse(), getKeep()]);
      set({ runs, storage, keep });
    } catch (e) {
      get().notify('error', `Could not read saved runs: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
  resumeOffer: null,
  worker: { state: 'ok' },
  viewer: null,
  ownImages: null,
  ownImagesBusy: false,
  pastRuns: [],
  compare: { a: 'current', b: null },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  notify: (kind, message) => set({ notices: [...get().notices.slice(-4), { id: ++noticeId, kind, message }] }),
  apply: (event) => {
    switch (event.type) {
      case 'progress':
        return set({ progress: event.message });
      case 'ready': {
        const { config, live, loaded } = event;
        const metrics = new MetricHistory();
        if (loaded) metrics.replace(loaded.metrics);
        // After a failover the worker's own message says what happened.
        if (loaded && loaded.from !== 'failover') get().notify('info', `${loaded.from === 'resume' ? 'Resumed' : 'Imported'} the run at step ${loaded.step.toLocaleString()}. Press Train to continue.`);
        return set({
          ...keepPast(get(), event.runId),
          backend: { name: event.backend, reason: event.reason, reports: event.reports },
          config,
          live,
          summary: event.summary,
          phases: [],
          draft: { model: config.model, dataset: config.dataset, seed: config.seed, batchSize: config.batchSize, loss: config.loss, conditional: config.conditional, instanceNoise: config.instanceNoise, preset: get().draft.preset },
          trainImages: event.trainImages,
          runId: event.runId,
          lastSave: null,
          resumeOffer: loaded ? null : get().resumeOffer,
          metrics,
          metricsVersion: get().metricsVersion + 1,
          changes: loaded?.changes ?? [],
          quality: loaded?.quality ?? [],
          step: loaded?.step ?? 0,
          epoch: metrics.last()?.epoch ?? 0,
          imgPerSec: 0,
          progress: '',
        });
      }
      case 'rolledBack': {
        const { metrics, changes } = get();
        metrics.truncateAfter(event.step);
        return set({
          step: event.step,
          metricsVersion: get().metricsVersion + 1,
          changes: changes.filter((c) => c.step <= event.step),
          quality: get().quality.filter((q) => q.step <= event.step),
        });
      }
      case 'metrics': {
        const { metrics } = get();
        metrics.push(event.points);
        const last = event.points[event.points.length - 1];
        const phase = get().phases.at(-1);
        // The point of a step finished phase by phase keeps its phases on show; any other step clears them.
        const keepPhases = phase?.phase === 'updateG' && last?.step === phase.step;
        return set({
          ...(keepPhases ? {} : { phases: [] }),
          metricsVersion: get().metricsVersion + 1,
          step: last?.step ?? get().step,
          epoch: last?.epoch ?? get().epoch,
          imgPerSec: event.imgPerSec,
          msPerStep: event.msPerStep,
          splitMs: event.dMs !== null && event.gMs !== null ? { d: event.dMs, g: event.gMs } : null,
        });
      }
      case 'quality':
        return set({ quality: [...get().quality, event.point] });
      case 'samples':
        return set({ grid: { step: event.step, width: event.width, height: event.height, pixels: event.pixels, rows: event.rows, classIndex: event.classIndex } });
      case 'status':
        return set({ status: event.status, step: event.step, ...(event.status === 'running' ? { phases: [] } : {}) });
      case 'phase': {
        const { report } = event;
        return set({ phases: !report ? [] : report.phase === 'noise' ? [report] : [...get().phases, report] });
      }
      case 'hyperparams':
        return set({ live: event.params, changes: [...get().changes, { step: event.step, params: event.params }] });
      case 'error':
        // A full disk may have set a run aside to make room: show it.
        if (event.code === 'storage') void get().refreshRuns();
        return get().notify('error', event.message);
      case 'exported':
        return; // handled by the export flow in client.ts
      case 'memory':
        return set({ numTensors: event.numTensors, numBytes: event.numBytes });
      case 'saved':
        if (event.runId === get().runId) set({ lastSave: { step: event.step, savedAt: event.savedAt, bytes: event.bytes, ms: event.ms } });
        return void get().refreshRuns();
      case 'runExported':
      case 'heartbeat':
        return; // handled in client.ts
      case 'realVsFake':
      case 'latentRendered':
      case 'timelapseFrame':
      case 'timelapseExported':
      case 'samplesProgress':
      case 'samplesExported':
        return; // the "see inside" views' own store (insideStore.ts)
      case 'generatorOpened':
        return set({ viewer: { fileName: event.fileName, meta: event.meta, seed: 1, grid: null } });
      case 'generated': {
        const viewer = get().viewer;
        if (!viewer) return;
        return set({ viewer: { ...viewer, seed: event.seed, grid: { step: viewer.meta.step, width: event.width, height: event.height, pixels: event.pixels } } });
      }
      case 'imagesLoaded': {
        const { count, inverted, skipped, preview } = event;
        return set({ ownImages: { count, inverted, skipped, preview }, ownImagesBusy: false });
      }
      case 'imagesRefused':
        set({ ownImagesBusy: false });
        return get().notify('error', `${event.message}${event.skipped.length ? ` Skipped: ${describeSkipped(event.skipped)}` : ''}`);
      default:
        return assertNever(event);
    }
  },
}));
