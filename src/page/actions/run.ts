import type { GeneratorSourceName, LatentRequest, LiveHyperparams, RunConfig, SkippedFile } from '../../shared/protocol';
import { trainingWorker } from '../bridge/workerBridge';
import { SEED_MAX } from '../../shared/settingRules';
import { configForReset } from '../state/draft';
import { requestLatent, useInside } from '../state/insideStore';
import { requestDrawing, usePlay } from '../state/playStore';
import { useApp } from '../state/store';
import { useOwnImages } from '../state/ownImagesStore';
import { useViewer } from '../state/viewerStore';

// What the user asks of the training worker's run. Components call these; only actions talk to the bridge.

export const train = () => trainingWorker.send({ type: 'start' });
export const pause = () => trainingWorker.send({ type: 'pause' });
export const stepOnce = () => trainingWorker.send({ type: 'step', n: 1 });
export const phaseStep = () => trainingWorker.send({ type: 'phaseStep' });
export const setLive = (params: Partial<LiveHyperparams>) => trainingWorker.send({ type: 'setHyperparams', params });
export const setSampleClass = (classIndex: number | null) => trainingWorker.send({ type: 'setSampleClass', classIndex });
export const exportRun = () => trainingWorker.send({ type: 'exportRun' });
export const exportGenerator = () => trainingWorker.send({ type: 'exportGenerator' });

/** Rebuilds the networks from the draft (read fresh: a field's blur commit may have landed in this same event). */
export function resetRun(next: Partial<RunConfig> = {}): void {
  const { config, live, draft } = useApp.getState();
  if (!config) return;
  const c = configForReset(draft, config, live, next);
  if (!c) return;
  useApp.setState({ status: 'loading', progress: 'Rebuilding the networks…' });
  trainingWorker.send({ type: 'reset', config: c });
}

export function setAutosave(seconds: number): void {
  useApp.setState({ autosaveSeconds: seconds });
  localStorage.setItem('ganvas.autosaveSeconds', String(seconds));
  trainingWorker.send({ type: 'setAutosave', seconds });
}

/** Your images, read on the page; the worker decodes them (`skipped`: the files refused before reading). */
export function loadOwnImages(picked: { name: string; bytes: ArrayBuffer }[], skipped: SkippedFile[]): void {
  useOwnImages.setState({ busy: true });
  trainingWorker.send(
    { type: 'loadImages', files: picked, skipped },
    picked.map((p) => p.bytes),
  );
}

export function closeGenerator(): void {
  trainingWorker.send({ type: 'closeGenerator' });
  useViewer.setState({ viewer: null });
}

export const sampleGenerator = (seed: number) => trainingWorker.send({ type: 'sampleGenerator', seed });

export function exportTimelapse(): void {
  useInside.setState((s) => ({ busy: { ...s.busy, gif: true } }));
  trainingWorker.send({ type: 'exportTimelapse' });
}

export function exportSamples(source: GeneratorSourceName, count: number): void {
  useInside.setState((s) => ({ busy: { ...s.busy, samples: true } }));
  trainingWorker.send({ type: 'exportSamples', source, count, seed: Math.floor(Math.random() * (SEED_MAX + 1)) });
}

/** One render in flight per latent view; the last request wins. */
export const renderLatent = (request: LatentRequest) => requestLatent(request, (r) => trainingWorker.send({ type: 'renderLatent', request: r }));

let nextRequest = 1;

/** One drawing in flight per generator's pad; newer ones wait, and only the last is sent. */
export const drawDigit = (source: GeneratorSourceName, pixels: Uint8Array) =>
  requestDrawing(source, pixels, (p) => trainingWorker.send({ type: 'translate', source, request: nextRequest++, pixels: p }));

export function upscale(source: GeneratorSourceName, image: { side: number; pixels: Uint8Array }): void {
  trainingWorker.send({ type: 'upscale', source, request: nextRequest++, ...image });
}

export function runStudy(real: number, added: number): void {
  usePlay.setState((s) => ({ study: { ...s.study, progress: { done: 0, total: 6 } } }));
  trainingWorker.send({ type: 'runStudy', real, added });
}
