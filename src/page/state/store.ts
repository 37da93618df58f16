import { create } from 'zustand';
import type {
  BackendName,
  HyperparamChange,
  BackendReport,
  LiveHyperparams,
  QualityPoint,
  RgbaImage,
  RunConfig,
  RunStatus,
  WorkerEvent,
} from '../../shared/protocol';
import type { AdamKernelName, ExportMeta, PhaseReport, RunSummary, SkippedFile } from '../../shared/protocol';
import type { ModelSummary } from '../../shared/modelSummary';
import { assertNever } from '../../shared/protocol';
import { AUTOSAVE_DEFAULT_SECONDS } from '../../shared/settings';
import { MetricHistory } from '../../shared/metricHistory';
import { runLabel } from '../../shared/tasks';
import { getKeep, listRuns, storageUse, type SavedRun } from '../../shared/formats/runStore';
import { KEEP_DEFAULT } from '../../shared/formats/runKeep';
import { defaultConfig } from '../../shared/hyperparams';
import { draftOf, type Draft } from './draft';
import { messageOf } from '../../shared/errors';
import type { TaskScore } from '../../shared/taskScore';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface GridImage extends RgbaImage {
  step: number;
  /** Rows of 8 samples (10 for a conditional grid of every class). */
  rows?: number;
  /** The one class a conditional grid shows, else null. */
  classIndex?: number | null;
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
  /** An application's held-out measures, oldest first. */
  taskScores: TaskScore[];
  grid: GridImage | null;
  step: number;
  epoch: number;
  imgPerSec: number;
  msPerStep: number;
  /** Mean ms of the D and G updates (null on GPU backends). */
  splitMs: { d: number; g: number } | null;
  /** The kernel of the worker's last Adam update (null before the first). */
  adam: AdamKernelName | null;
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
  ownImages: { count: number; inverted: number; skipped: SkippedFile[]; preview: RgbaImage } | null;
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
  const label = `${runLabel(config)}, ${config.dataset}, G ${config.gLearningRate} / D ${config.dLearningRate}, to step ${last?.step ?? 0}`;
  const kept = [{ runId, label, metrics }, ...pastRuns.filter((r) => r.runId !== runId)].slice(0, MAX_PAST_RUNS);
  const b = s.compare.b;
  return { pastRuns: kept, compare: { a: 'current', b: b && kept.some((r) => r.runId === b) ? b : null } };
}

/** The first few skipped files in a sentence (the notice stays short; the panel lists them all). */
function describeSkipped(skipped: SkippedFile[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${s.name} ${s.reason}`);
  return shown.join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more.` : '.');
}

/** A new run is built (or loaded): its config, history and what the charts start from. */
function readyState(s: AppState, event: Extract<WorkerEvent, { type: 'ready' }>): Partial<AppState> {
  const { config, live, loaded } = event;
  const metrics = new MetricHistory();
  if (loaded) metrics.replace(loaded.metrics);
  // After a failover the worker's own message says what happened.
  if (loaded && loaded.from !== 'failover')
    s.notify('info', `${loaded.from === 'resume' ? 'Resumed' : 'Imported'} the run at step ${loaded.step.toLocaleString()}. Press Train to continue.`);
  return {
    ...keepPast(s, event.runId),
    backend: { name: event.backend, reason: event.reason, reports: event.reports },
    config,
    live,
    summary: event.summary,
    phases: [],
    draft: draftOf(config, s.draft.preset),
    trainImages: event.trainImages,
    runId: event.runId,
    lastSave: null,
    resumeOffer: loaded ? null : s.resumeOffer,
    metrics,
    metricsVersion: s.metricsVersion + 1,
    changes: loaded?.changes ?? [],
    quality: loaded?.quality ?? [],
    taskScores: loaded?.taskScores ?? [],
    step: loaded?.step ?? 0,
    epoch: metrics.last()?.epoch ?? 0,
    imgPerSec: 0,
    progress: '',
  };
}

/** A batch of metric points joins the (mutated) history. */
function metricsState(s: AppState, event: Extract<WorkerEvent, { type: 'metrics' }>): Partial<AppState> {
  s.metrics.push(event.points);
  const last = event.points[event.points.length - 1];
  const phase = s.phases.at(-1);
  // The point of a step finished phase by phase keeps its phases on show; any other step clears them.
  const keepPhases = phase?.phase === 'updateG' && last?.step === phase.step;
  return {
    ...(keepPhases ? {} : { phases: [] }),
    metricsVersion: s.metricsVersion + 1,
    step: last?.step ?? s.step,
    epoch: last?.epoch ?? s.epoch,
    imgPerSec: event.imgPerSec,
    msPerStep: event.msPerStep,
    splitMs: event.dMs !== null && event.gMs !== null ? { d: event.dMs, g: event.gMs } : null,
    adam: event.adam ?? s.adam,
  };
}

/** What each worker event does to the app state (the "see inside" events have their own store). */
function applyEvent(event: WorkerEvent, set: (s: Partial<AppState>) => void, get: () => AppState): void {
  switch (event.type) {
    case 'progress':
      return set({ progress: event.message });
    case 'ready':
      return set(readyState(get(), event));
    case 'rolledBack': {
      const { metrics, changes } = get();
      metrics.truncateAfter(event.step);
      return set({
        step: event.step,
        metricsVersion: get().metricsVersion + 1,
        changes: changes.filter((c) => c.step <= event.step),
        quality: get().quality.filter((q) => q.step <= event.step),
        taskScores: get().taskScores.filter((q) => q.step <= event.step),
      });
    }
    case 'metrics':
      return set(metricsState(get(), event));
    case 'quality':
      return set({ quality: [...get().quality, event.point] });
    case 'taskScore':
      return set({ taskScores: [...get().taskScores, event.score] });
    case 'studyProgress':
    case 'studyResult':
    case 'upscaled':
    case 'translated':
      return; // the applications' play views' own store (playStore.ts)
    case 'samples':
      return set({
        grid: { step: event.step, width: event.width, height: event.height, pixels: event.pixels, rows: event.rows, classIndex: event.classIndex },
      });
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
      return; // saved as a download in training.ts
    case 'memory':
      return set({ numTensors: event.numTensors, numBytes: event.numBytes });
    case 'saved':
      if (event.runId === get().runId) set({ lastSave: { step: event.step, savedAt: event.savedAt, bytes: event.bytes, ms: event.ms } });
      return void get().refreshRuns();
    case 'runExported':
    case 'stateDigest':
    case 'heartbeat':
      return; // a download (training.ts) and the bridge's pulse
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
}

export const useApp = create<AppState>()((set, get) => ({
  status: 'loading',
  progress: 'Starting the training worker…',
  backend: null,
  config: null,
  live: null,
  summary: null,
  phases: [],
  draft: draftOf(defaultConfig('mlp'), null),
  setDraft: (d) => set({ draft: { ...get().draft, ...d } }),
  metrics: new MetricHistory(),
  metricsVersion: 0,
  changes: [],
  quality: [],
  taskScores: [],
  grid: null,
  step: 0,
  epoch: 0,
  imgPerSec: 0,
  msPerStep: 0,
  splitMs: null,
  adam: null,
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
      get().notify('error', `Could not read saved runs: ${messageOf(e)}`);
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
  apply: (event) => applyEvent(event, set, get),
}));
