import { create } from 'zustand';
import { MetricHistory } from '../../shared/metricHistory';
import type { Lab2dConfig, Lab2dEvent, Lab2dFrame, Lab2dKernel, Lab2dLayers, Lab2dStats } from '../../shared/lab2dProtocol';
import { MIN_DRAWN_POINTS } from '../../shared/lab2dData';
import { tooFewPoints } from '../../shared/lab2dConfig';
import { labBridge } from '../bridge/lab2dBridge';
import { lab2dDefaults, lab2dLayerDefaults } from '../../shared/lab2dSettings';
import type { Lab2dPreset } from '../../shared/lab2dPresets';
import { readLab2dLink, writeLab2dLink } from './lab2dLink';
import { labTimelapse } from './labTimelapse';
import { receiveRunFile, startLabAutosave } from './labRunFile';

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
  setConfig(index: 0 | 1, patch: Partial<Lab2dConfig>): void;
  setSideBySide(on: boolean): void;
  /** The preset's name while its settings stand. */
  preset: string | null;
  applyPreset(p: Lab2dPreset): void;
  setLayer(key: keyof Lab2dLayers, on: boolean): void;
  addStroke(points: number[]): void;
  undoStroke(): void;
  clearDrawing(): void;
  reset(): void;
  setRunning(on: boolean): void;
  step(what: 'both' | 'd' | 'g' | 'phase'): void;
}

/**
 * When views of the metrics redraw: a few times a second while training (every
 * redraw is main-thread time), at every point while paused (stepping shows each).
 */
export const useLabRedraws = () => useLab((s) => (s.running ? Math.floor(s.metricsVersion / 5) : s.metricsVersion));

export const frames: (Lab2dFrame | null)[] = [null, null];
const frameListeners = new Set<() => void>();
export const onFrame = (f: () => void) => (frameListeners.add(f), () => void frameListeners.delete(f));

const LIVE = new Set(['gLearningRate', 'dLearningRate', 'dSteps', 'unroll']);
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
  setConfig(index, patch) {
    const configs = [...get().configs] as Lab2dState['configs'];
    const current = configs[index];
    if (!current) return;
    configs[index] = { ...current, ...patch };
    // B shares A's data, seed and networks: side by side compares training setups on the same start.
    const b = configs[1];
    if (index === 0 && b) configs[1] = { ...configs[0], ...Object.fromEntries(TRAIN_KEYS.map((k) => [k, b[k]])) };
    set({ configs, preset: null });
    const live = Object.fromEntries(Object.entries(patch).filter(([k]) => LIVE.has(k)));
    if (Object.keys(live).length) labBridge.send({ type: 'live', index, params: live });
    if (Object.keys(live).length < Object.keys(patch).length) get().reset();
    // A live change is part of the setup a shared link should rebuild.
    else history.replaceState(history.state, '', writeLab2dLink(configs, get().drawn, location.search));
  },
  setSideBySide(on) {
    const [a] = get().configs;
    set({ configs: [a, on ? { ...a, unroll: a.unroll === 0 ? 5 : 0 } : null] });
    get().reset();
  },
  applyPreset(p) {
    const a = { ...lab2dDefaults(), data: get().configs[0].data, seed: get().configs[0].seed, ...p.config };
    set({ configs: [a, p.versus ? { ...a, ...p.versus } : null], preset: p.name });
    get().reset();
  },
  setLayer(key, on) {
    const layers = { ...get().layers, [key]: on };
    set({ layers });
    labBridge.send({ type: 'layers', layers });
  },
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
  reset() {
    const { configs, drawn } = get();
    if (configs[0].data === 'custom' && drawn.length / 2 < MIN_DRAWN_POINTS) {
      set({ notice: tooFewPoints(drawn.length / 2), running: false });
      labBridge.send({ type: 'run', running: false });
      return;
    }
    labTimelapse.clear();
    set({ histories: [new MetricHistory(), new MetricHistory()], stats: [[], []], metricsVersion: get().metricsVersion + 1, notice: null });
    labBridge.send({ type: 'reset', configs: configs.filter((c): c is Lab2dConfig => c !== null), drawn });
    labBridge.send({ type: 'layers', layers: get().layers });
    labBridge.send({ type: 'run', running: get().running });
    history.replaceState(history.state, '', writeLab2dLink(configs, drawn, location.search));
  },
  setRunning(on) {
    if (on && get().notice?.startsWith('Draw at least')) return;
    // The worker hears first, so what pausing triggers (an autosave) sees the paused run.
    labBridge.send({ type: 'run', running: on });
    set({ running: on });
  },
  step(what) {
    get().setRunning(false);
    labBridge.send({ type: 'step', what });
  },
}));

function receive(e: Lab2dEvent): void {
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

/** The test hook's answer (labTestHooks.ts) arrives as this window event. */
export const LAB_STATE_EVENT = 'ganvas-lab-state';

/** Starts the lab's worker (answering the test hooks with `testHooks`) and builds the link's run. */
export function startLab(testHooks: boolean): void {
  labBridge.start(receive, testHooks);
  useLab.getState().reset();
  startLabAutosave();
}
