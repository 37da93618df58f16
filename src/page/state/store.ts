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
import type { AdamKernelName, PhaseReport } from '../../shared/protocol';
import type { ModelSummary } from '../../shared/modelSummary';
import { assertNever } from '../../shared/protocol';
import { AUTOSAVE_DEFAULT_SECONDS } from '../../shared/settings';
import { MetricHistory } from '../../shared/metricHistory';
import { defaultConfig } from '../../shared/hyperparams';
import { draftOf, type Draft } from './draft';
import { notify } from './noticesStore';
import { keepPast, refreshRuns, useSavedRuns } from './savedRunsStore';
import { applyViewer } from './viewerStore';
import { applyOwnImages } from './ownImagesStore';
import type { TaskScore } from '../../shared/taskScore';

export interface GridImage extends RgbaImage {
  step: number;
  /** Rows of 8 samples (10 for a conditional grid of every class). */
  rows?: number;
  /** The one class a conditional grid shows, else null. */
  classIndex?: number | null;
}

/** The live run: its setup, progress, metrics and the worker's backend (other page state has its own small store). */
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
  /** The id autosave writes this run under. */
  runId: string | null;
  lastSave: { step: number; savedAt: string; bytes: number; ms: number } | null;
  autosaveSeconds: number;
  apply(event: WorkerEvent): void;
}

/** A new run is built (or loaded): its config, history and what the charts start from. */
function readyState(s: AppState, event: Extract<WorkerEvent, { type: 'ready' }>): Partial<AppState> {
  const { config, live, loaded } = event;
  const metrics = new MetricHistory();
  if (loaded) metrics.replace(loaded.metrics);
  // After a failover the worker's own message says what happened.
  if (loaded && loaded.from !== 'failover')
    notify('info', `${loaded.from === 'resume' ? 'Resumed' : 'Imported'} the run at step ${loaded.step.toLocaleString()}. Press Train to continue.`);
  keepPast(s, event.runId);
  if (loaded) useSavedRuns.setState({ resumeOffer: null });
  return {
    backend: { name: event.backend, reason: event.reason, reports: event.reports },
    config,
    live,
    summary: event.summary,
    phases: [],
    draft: draftOf(config, s.draft.preset),
    trainImages: event.trainImages,
    runId: event.runId,
    lastSave: null,
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
      if (event.code === 'storage') void refreshRuns();
      return notify('error', event.message);
    case 'exported':
      return; // saved as a download by the actions (actions/trainingWorker.ts)
    case 'memory':
      return set({ numTensors: event.numTensors, numBytes: event.numBytes });
    case 'saved':
      if (event.runId === get().runId) set({ lastSave: { step: event.step, savedAt: event.savedAt, bytes: event.bytes, ms: event.ms } });
      return void refreshRuns();
    case 'runExported':
    case 'stateDigest':
    case 'heartbeat':
      return; // a download (actions/trainingWorker.ts), a test hook's answer and the bridge's pulse
    case 'realVsFake':
    case 'latentRendered':
    case 'timelapseFrame':
    case 'timelapseExported':
    case 'samplesProgress':
    case 'samplesExported':
      return; // the "see inside" views' own store (insideStore.ts)
    case 'generatorOpened':
    case 'generated':
      return applyViewer(event);
    case 'imagesLoaded':
    case 'imagesRefused':
      return applyOwnImages(event);
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
  runId: null,
  lastSave: null,
  autosaveSeconds: AUTOSAVE_DEFAULT_SECONDS,
  apply: (event) => applyEvent(event, set, get),
}));
