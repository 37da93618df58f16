import { create } from 'zustand';
import type { BackendName, BackendReport, LiveHyperparams, MetricPoint, ModelKind, RunConfig, RunStatus, WorkerEvent } from './protocol';
import { assertNever } from './protocol';

export interface HyperparamChange {
  step: number;
  params: LiveHyperparams;
}

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
}

export interface AppState {
  status: RunStatus;
  progress: string;
  backend: { name: BackendName; reason: string; reports: BackendReport[] } | null;
  /** The configuration the current run was built with. */
  config: RunConfig | null;
  live: LiveHyperparams | null;
  /** Settings that apply on the next Reset, as edited in the control panel. */
  draft: { model: ModelKind; seed: number; batchSize: number };
  setDraft(d: Partial<AppState['draft']>): void;
  /** Every metric point of the run. Mutated in place; `metricsVersion` signals change. */
  metrics: MetricPoint[];
  metricsVersion: number;
  changes: HyperparamChange[];
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
  dismiss(id: number): void;
  notify(kind: Notice['kind'], message: string): void;
  apply(event: WorkerEvent): void;
}

let noticeId = 0;

export const useApp = create<AppState>()((set, get) => ({
  status: 'loading',
  progress: 'Starting the training worker…',
  backend: null,
  config: null,
  live: null,
  draft: { model: 'mlp', seed: 42, batchSize: 64 },
  setDraft: (d) => set({ draft: { ...get().draft, ...d } }),
  metrics: [],
  metricsVersion: 0,
  changes: [],
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
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  notify: (kind, message) => set({ notices: [...get().notices.slice(-4), { id: ++noticeId, kind, message }] }),
  apply: (event) => {
    switch (event.type) {
      case 'progress':
        return set({ progress: event.message });
      case 'ready': {
        const { config } = event;
        const live = { gLearningRate: config.gLearningRate, dLearningRate: config.dLearningRate, beta1: config.beta1 };
        return set({
          backend: { name: event.backend, reason: event.reason, reports: event.reports },
          config,
          live,
          draft: { model: config.model, seed: config.seed, batchSize: config.batchSize },
          trainImages: event.trainImages,
          metrics: [],
          metricsVersion: get().metricsVersion + 1,
          changes: [],
          step: 0,
          epoch: 0,
          imgPerSec: 0,
          progress: '',
        });
      }
      case 'rolledBack': {
        const { metrics, changes } = get();
        const keep = metrics.findIndex((p) => p.step > event.step);
        if (keep >= 0) metrics.length = keep;
        return set({ step: event.step, metricsVersion: get().metricsVersion + 1, changes: changes.filter((c) => c.step <= event.step) });
      }
      case 'metrics': {
        const { metrics } = get();
        metrics.push(...event.points);
        const last = event.points[event.points.length - 1];
        return set({
          metricsVersion: get().metricsVersion + 1,
          step: last?.step ?? get().step,
          epoch: last?.epoch ?? get().epoch,
          imgPerSec: event.imgPerSec,
          msPerStep: event.msPerStep,
          splitMs: event.dMs !== null && event.gMs !== null ? { d: event.dMs, g: event.gMs } : null,
        });
      }
      case 'samples':
        return set({ grid: { step: event.step, width: event.width, height: event.height, pixels: event.pixels } });
      case 'status':
        return set({ status: event.status, step: event.step });
      case 'hyperparams':
        return set({ live: event.params, changes: [...get().changes, { step: event.step, params: event.params }] });
      case 'error':
        return get().notify('error', event.message);
      case 'exported':
        return; // handled by the export flow in client.ts
      case 'memory':
        return set({ numTensors: event.numTensors, numBytes: event.numBytes });
      default:
        return assertNever(event);
    }
  },
}));
