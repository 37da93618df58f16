import { MetricHistory } from '../../shared/metricHistory';
import type { Lab2dConfig, Lab2dLayers, Lab2dStateDigest } from '../../shared/lab2dProtocol';
import { MIN_DRAWN_POINTS } from '../../shared/lab2dData';
import { tooFewPoints } from '../../shared/lab2dConfig';
import { lab2dDefaults } from '../../shared/lab2dSettings';
import type { Lab2dPreset } from '../../shared/lab2dPresets';
import { messageOf } from '../../shared/errors';
import { labWorker } from '../bridge/workerBridge';
import { labWorkerName } from '../../shared/workerName';
import { useHealth } from '../state/healthStore';
import { frames, LAB_STATE_EVENT, receiveLab, TRAIN_KEYS, useLab, type Lab2dState } from '../state/lab2dStore';
import { writeLab2dLink } from '../state/lab2dLink';
import { labTimelapse } from '../state/labTimelapse';
import { dropLabAutosave, readLabAutosave } from '../state/labAutosave';

// What the user asks of the 2D lab's worker. Components call these; only actions talk to the bridge.

const LIVE = new Set(['gLearningRate', 'dLearningRate', 'dSteps', 'unroll']);

/** A live setting goes to the worker as is; any other rebuilds the lab. */
export function setConfig(index: 0 | 1, patch: Partial<Lab2dConfig>): void {
  const configs = [...useLab.getState().configs] as Lab2dState['configs'];
  const current = configs[index];
  if (!current) return;
  configs[index] = { ...current, ...patch };
  // B shares A's data, seed and networks: side by side compares training setups on the same start.
  const b = configs[1];
  if (index === 0 && b) configs[1] = { ...configs[0], ...Object.fromEntries(TRAIN_KEYS.map((k) => [k, b[k]])) };
  useLab.setState({ configs, preset: null });
  const live = Object.fromEntries(Object.entries(patch).filter(([k]) => LIVE.has(k)));
  if (Object.keys(live).length) labWorker.send({ type: 'live', index, params: live });
  if (Object.keys(live).length < Object.keys(patch).length) resetLab();
  // A live change is part of the setup a shared link should rebuild.
  else history.replaceState(history.state, '', writeLab2dLink(configs, useLab.getState().drawn, location.search));
}

export function setSideBySide(on: boolean): void {
  const [a] = useLab.getState().configs;
  useLab.setState({ configs: [a, on ? { ...a, unroll: a.unroll === 0 ? 5 : 0 } : null] });
  resetLab();
}

export function applyPreset(p: Lab2dPreset): void {
  const [current] = useLab.getState().configs;
  const a = { ...lab2dDefaults(), data: current.data, seed: current.seed, ...p.config };
  useLab.setState({ configs: [a, p.versus ? { ...a, ...p.versus } : null], preset: p.name });
  resetLab();
}

export function setLayer(key: keyof Lab2dLayers, on: boolean): void {
  const layers = { ...useLab.getState().layers, [key]: on };
  useLab.setState({ layers });
  labWorker.send({ type: 'layers', layers });
}

/** Builds the lab's run afresh from the settings and the drawing (refused while a drawing is too small to learn). */
export function resetLab(): void {
  const { configs, drawn, layers, running, metricsVersion } = useLab.getState();
  if (configs[0].data === 'custom' && drawn.length / 2 < MIN_DRAWN_POINTS) {
    useLab.setState({ notice: tooFewPoints(drawn.length / 2), running: false });
    labWorker.send({ type: 'run', running: false });
    return;
  }
  labTimelapse.clear();
  useLab.setState({ histories: [new MetricHistory(), new MetricHistory()], stats: [[], []], metricsVersion: metricsVersion + 1, notice: null });
  labWorker.send({ type: 'reset', configs: configs.filter((c): c is Lab2dConfig => c !== null), drawn });
  labWorker.send({ type: 'layers', layers });
  labWorker.send({ type: 'run', running });
  history.replaceState(history.state, '', writeLab2dLink(configs, drawn, location.search));
}

export function setRunning(on: boolean): void {
  if (on && useLab.getState().notice?.startsWith('Draw at least')) return;
  // The worker hears first, so what pausing triggers (an autosave) sees the paused run.
  labWorker.send({ type: 'run', running: on });
  useLab.setState({ running: on });
}

export function stepLab(what: 'both' | 'd' | 'g' | 'phase'): void {
  setRunning(false);
  labWorker.send({ type: 'step', what });
}

/** Save run: the worker packs the GANs with the charts' points and measurements it keeps. */
export function saveLabRunFile(): void {
  labWorker.send({ type: 'exportRun' });
}

/** Offers a stored run when the page opens (the worker autosaves while training and on pause). */
function offerLabResume(): void {
  useLab.subscribe((s) => {
    if (s.running && s.resumeOffer) useLab.setState({ resumeOffer: null });
  });
  void readLabAutosave().then((saved) => saved && saved.step > 0 && useLab.setState({ resumeOffer: { step: saved.step, savedAt: saved.savedAt } }));
}

/** The offer's answer: open the stored run, or forget it. */
export async function answerLabResumeOffer(resume: boolean): Promise<void> {
  useLab.setState({ resumeOffer: null });
  const saved = resume ? await readLabAutosave() : null;
  if (saved) labWorker.send({ type: 'openRun', bytes: saved.bytes }, [saved.bytes.buffer]);
  else await dropLabAutosave();
}

/** Open run: the worker checks the file and either replaces the run or refuses it, changing nothing. */
export async function openLabRunFile(file: File): Promise<void> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    labWorker.send({ type: 'openRun', bytes }, [bytes.buffer]);
  } catch (e) {
    useLab.setState({ notice: `${file.name} could not be read: ${messageOf(e)}` });
  }
}

/** Starts the lab's worker (answering the test hooks with `testHooks`) and builds the link's run. */
export function startLab(testHooks: boolean): void {
  labWorker.start(
    {
      event: receiveLab,
      health: (lab) => {
        useHealth.setState({ lab });
        // A dead worker trains nothing: the button says Train again.
        if (lab.state === 'crashed') useLab.setState({ running: false });
      },
      unreadable: () => useLab.setState({ notice: "A message from the 2D lab's worker could not be read." }),
    },
    [],
    labWorkerName(testHooks),
  );
  resetLab();
  offerLabResume();
}

/** A new lab worker, the run built afresh from the settings (paused). */
export function restartLab(): void {
  useLab.setState({ running: false });
  labWorker.restart([]);
  resetLab();
}

/** "Keep waiting": the warning stays away for a while. */
export const keepLabWaiting = () => labWorker.keepWaiting();

/** The lab's test hooks, on `window` only with `?faults` like the digits page's; a lab worker started without it refuses readState. */
export function labTestHooks() {
  return {
    /** Each lab's training state as digests (Lab2dStateDigest): weights, Adam's moments, the stream, the step. */
    ganvasLabState: () =>
      new Promise<Lab2dStateDigest[]>((resolve) => {
        addEventListener(LAB_STATE_EVENT, (e) => resolve((e as CustomEvent<Lab2dStateDigest[]>).detail), { once: true });
        labWorker.send({ type: 'readState' });
      }),
    /** The drawn frames and the painted points, to check where the fakes are. */
    ganvasLab: { frames, drawn: () => useLab.getState().drawn },
  };
}
