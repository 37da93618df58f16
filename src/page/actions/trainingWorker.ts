import { MAX_FILE_BYTES } from '../../shared/commands';
import type { Command, RunConfig, WorkerEvent } from '../../shared/protocol';
import { loadRunBytes } from '../../shared/formats/runStore';
import { trainingWorker } from '../bridge/workerBridge';
import { saveGenerator, saveRunFile } from '../lib/downloads';
import { useApp } from '../state/store';
import { applyInside, INSIDE_EVENTS } from '../state/insideStore';
import { applyPlay, PLAY_EVENTS } from '../state/playStore';
import { messageOf } from '../../shared/errors';
import { trainerWorkerName, type WorkerStart } from '../../shared/workerName';
import { testHooks } from '../../shared/testHooks';
import { rememberAllCores, useCores } from '../state/coresStore';
import { notify } from '../state/noticesStore';
import { useSavedRuns } from '../state/savedRunsStore';
import { useHealth } from '../state/healthStore';

/** What the page started the worker with, to start a restarted one the same way. */
let initial: { config: RunConfig; autoModel: boolean } | null = null;
let workerStart: WorkerStart = { testHooks: false, allCores: false };
/** Waiting for the run's bytes to carry across a restart (the next runExported is theirs, not a download). */
let handover: ((bytes: ArrayBuffer) => void) | null = null;

const firstCommands = (config: RunConfig, autoModel: boolean): Command[] => [
  { type: 'init', config, autoModel },
  { type: 'setAutosave', seconds: useApp.getState().autosaveSeconds },
];

/** Each worker event to whoever shows it: downloads, the "see inside" and play stores, the run store (which hands on to the small ones). */
function route(event: WorkerEvent): void {
  if (event.type === 'exported') {
    saveGenerator(event.modelJson, event.weights, event.meta);
    return notify('info', `Generator saved at step ${event.meta.step}.`);
  }
  if (event.type === 'stateDigest') {
    dispatchEvent(new CustomEvent('ganvas-state', { detail: event.digest }));
    return;
  }
  if (event.type === 'runExported') {
    if (handover) return handover(event.bytes);
    saveRunFile(event.bytes, event.fileName);
    return notify('info', `Run saved as ${event.fileName}.`);
  }
  applyInside(event);
  applyPlay(event);
  if (!INSIDE_EVENTS.has(event.type) && !PLAY_EVENTS.has(event.type)) useApp.getState().apply(event);
}

/** `testHooks`: start the worker under the name that makes it accept the test hooks (`?faults`). */
export function startTraining(config: RunConfig, autoModel: boolean, testHooks = false): void {
  initial = { config, autoModel };
  workerStart = { testHooks, allCores: useCores.getState().allCores };
  trainingWorker.start(
    {
      event: route,
      health: (training) => useHealth.setState({ training }),
      unreadable: () => notify('error', 'A message from the training worker could not be read.'),
    },
    firstCommands(config, autoModel),
    trainerWorkerName(workerStart),
  );
  // A hidden tab may be closed next: save what there is (autosave skips it if nothing changed).
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && trainingWorker.send({ type: 'saveNow' }));
}

/** A new worker, continuing from the run's last save when there is one. */
export async function restartWorker(): Promise<void> {
  if (!initial) return;
  const { config, runId } = useApp.getState();
  const { runs } = useSavedRuns.getState();
  useApp.setState({ status: 'loading', progress: 'Restarting the training worker…', config: null });
  const saved = runs.find((r) => r.runId === runId);
  trainingWorker.restart(firstCommands(config ?? initial.config, config === null && initial.autoModel));
  if (saved) await resumeRun(saved.runId);
  else notify('info', 'The worker restarted. This run had no save yet, so it starts fresh.');
}

/**
 * A new worker with the other thread pool (tfjs sizes it once, at load). The
 * run travels in memory as its run file, so nothing is lost even with
 * autosave off, and it keeps training if it was.
 */
export async function switchCores(allCores: boolean): Promise<void> {
  const { config, step, status } = useApp.getState();
  if (!initial || useCores.getState().switching) return;
  useCores.setState({ switching: true });
  rememberAllCores(allCores);
  try {
    const wasTraining = status === 'running';
    if (wasTraining) trainingWorker.send({ type: 'pause' });
    const bytes = config && step > 0 ? await runBytes() : null;
    workerStart = { ...workerStart, allCores };
    useApp.setState({ status: 'loading', progress: `Restarting the training worker on ${allCores ? 'every core' : 'all cores but one'}…`, config: null });
    trainingWorker.restart(firstCommands(config ?? initial.config, config === null && initial.autoModel), trainerWorkerName(workerStart));
    if (bytes) trainingWorker.send({ type: 'loadRun', bytes, resume: true }, [bytes]);
    if (wasTraining) trainingWorker.send({ type: 'start' });
  } catch (e) {
    rememberAllCores(!allCores);
    notify('error', `Kept the current threads: ${messageOf(e)}`);
  } finally {
    useCores.setState({ switching: false });
  }
}

/** The live run's file, from the worker, for a restart. */
function runBytes(): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      handover = null;
      reject(new Error('the worker did not hand over the run within 60 s'));
    }, 60_000);
    handover = (bytes) => {
      clearTimeout(timer);
      handover = null;
      resolve(bytes);
    };
    trainingWorker.send({ type: 'exportRun' });
  });
}

export async function resumeRun(runId: string): Promise<void> {
  try {
    const bytes = await loadRunBytes(runId);
    useSavedRuns.setState({ resumeOffer: null });
    trainingWorker.send({ type: 'loadRun', bytes, resume: true }, [bytes]);
  } catch (e) {
    notify('error', `Could not resume: ${messageOf(e)}`);
  }
}

export async function importRun(file: File): Promise<void> {
  const bytes = await readFile(file);
  if (bytes) trainingWorker.send({ type: 'loadRun', bytes, resume: false }, [bytes]);
}

export async function openGenerator(file: File): Promise<void> {
  const bytes = await readFile(file);
  if (bytes) trainingWorker.send({ type: 'openGenerator', bytes, fileName: file.name }, [bytes]);
}

/** A picked file's bytes, unless it is too big to be a run or a generator (refused before reading gigabytes into the page). */
async function readFile(file: File): Promise<ArrayBuffer | null> {
  if (file.size <= MAX_FILE_BYTES) return file.arrayBuffer();
  notify('error', `${file.name} is ${(file.size / 2 ** 30).toFixed(1)} GB; a ganvas file is at most ${MAX_FILE_BYTES / 2 ** 30} GB. Nothing was loaded.`);
  return null;
}

/** "Keep waiting": a silent worker may be compiling shaders; the warning stays away for a while. */
export const keepWaiting = () => trainingWorker.keepWaiting();

/** `?faults`: the hooks tests call to provoke failures and read the worker's state (shared/testHooks.ts). */
export const exposeTestHooks = () =>
  Object.assign(
    window,
    testHooks((cmd) => trainingWorker.send(cmd)),
  );
