import { create } from 'zustand';
import { MetricHistory } from '../../shared/metricHistory';
import type { Lab2dConfig, Lab2dEvent, Lab2dFrame, Lab2dKernel, Lab2dLayers, Lab2dStats } from '../../shared/lab2dProtocol';
import { lab2dLayerDefaults } from '../../shared/lab2dSettings';
import { readLab2dLink } from './lab2dLink';
import { labTimelapse } from './labTimelapse';
import { receiveRunFile } from './labRunFile';

/** The 2D lab's page state. Frames stay out of React: canvases read `frames` when `frameVersion` moves. */
export interface Lab2dState {
  configs: [Lab2dConfig, Lab2dConfig | null];
  drawn: number[];
  /** How many points each stroke added, for Undo. */
  strokes: number[];
  layers: Lab2dLayers;
  running: boolean;
  notice: string | null;
  histories: [MetricHistory, MetricHistory];
  stats: [Lab2dStats[], Lab2dStats[]];
  metricsVersion: number;
  stepsPerSecond: number;
  kernel: Lab2dKernel | null;
  /** A run the last visit left in storage, until the user resumes it, discards it or trains. */
  resumeOffer: { step: number; savedAt: string } | null;
  /** The preset's name while its settings stand. */
  preset: string | null;
  addStroke(points: number[]): void;
  undoStroke(): void;
  clearDrawing(): void;
}

/**
 * When views of the metrics redraw: a few times a second while training (every
 * redraw is main-thread time), at every point while paused (stepping shows each).
 */
export const useLabRedraws = () => useLab((s) => (s.running ? Math.floor(s.metricsVersion / 5) : s.metricsVersion));

export const frames: (Lab2dFrame | null)[] = [null, null];
const frameListeners = new Set<() => void>();
export const onFrame = (f: () => void) => (frameListeners.add(f), () => void frameListeners.delete(f));

/** What B may set apart from A. */
export const TRAIN_KEYS = ['loss', 'gLossForm', 'optimizer', 'gLearningRate', 'dLearningRate', 'dSteps', 'unroll'] as const;
const link = readLab2dLink(location.search);

export const useLab = create<Lab2dState>((set, get) => ({
  configs: link.configs,
  drawn: link.drawn,
  strokes: link.drawn.length ? [link.drawn.length] : [],
  layers: lab2dLayerDefaults(),
  running: false,
  preset: null,
  notice: link.problems.length ? `This link has settings the 2D lab cannot use, so their defaults are used instead: ${link.problems.join('; ')}.` : null,
  histories: [new MetricHistory(), new MetricHistory()],
  stats: [[], []],
  metricsVersion: 0,
  stepsPerSecond: 0,
  kernel: null,
  resumeOffer: null,
  addStroke(points) {
    if (!points.length) return;
    set((s) => ({ drawn: [...s.drawn, ...points], strokes: [...s.strokes, points.length], notice: null }));
  },
  undoStroke() {
    const { strokes, drawn } = get();
    if (!strokes.length) return;
    set({ drawn: drawn.slice(0, drawn.length - strokes[strokes.length - 1]), strokes: strokes.slice(0, -1) });
  },
  clearDrawing() {
    set({ drawn: [], strokes: [] });
  },
}));

/** What the lab's worker says, into this store (the run file's events to labRunFile.ts). */
export function receiveLab(e: Lab2dEvent): void {
  if (e.type === 'heartbeat') return; // the bridge's pulse
  if (e.type === 'error') return useLab.setState({ notice: e.message, running: false });
  if (e.type === 'runFile' || e.type === 'opened' || e.type === 'refused') return receiveRunFile(e);
  if (e.type === 'stateDigest') return void dispatchEvent(new CustomEvent(LAB_STATE_EVENT, { detail: e.digests }));
  if (e.type === 'rolledBack') {
    const s = useLab.getState();
    s.histories.forEach((h) => h.truncateAfter(e.step));
    labTimelapse.dropAfter(e.step);
    return useLab.setState({
      stats: [s.stats[0].filter((x) => x.step <= e.step), s.stats[1].filter((x) => x.step <= e.step)],
      notice: e.message,
      running: false,
      metricsVersion: s.metricsVersion + 1,
    });
  }
  if (e.type === 'frame') {
    const previous = frames[e.frame.index];
    frames[e.frame.index] = e.frame.heatKept && previous ? { ...e.frame, heat: previous.heat } : e.frame;
    frameListeners.forEach((f) => f());
    return;
  }
  const s = useLab.getState();
  s.histories[e.index].push(e.points);
  if (e.stats) s.stats[e.index].push(e.stats);
  useLab.setState({ metricsVersion: s.metricsVersion + 1, stepsPerSecond: e.stepsPerSecond, kernel: e.kernel });
}

/** The test hook's answer (actions/lab.ts, labTestHooks) arrives as this window event. */
export const LAB_STATE_EVENT = 'ganvas-lab-state';
