import { DataError, MNIST_FILES, parseIdxSet, type ImageSet } from '../engine/data/mnist';
import type { QualityFiles } from '../engine/quality/monitor';
import type { DatasetName } from '../shared/protocol';
import { messageOf } from '../shared/errors';
import { cachedResponse, keep } from './dataCache';

const OFFLINE = 'needs a network: this device is offline and has not downloaded it yet (after one download it is kept for offline use)';

/** Fetches a file from our own origin (or the copy kept for offline use), reporting progress for the big ones. */
async function fetchBytes(url: string, file: string, onProgress: (msg: string) => void): Promise<Uint8Array> {
  let res: Response;
  try {
    res = (await cachedResponse(url).catch(() => undefined)) ?? (await fetch(url));
  } catch (e) {
    throw new DataError(file, navigator.onLine ? `could not be fetched (${messageOf(e)})` : OFFLINE);
  }
  if (!res.ok || !res.body) throw new DataError(file, `could not be fetched (HTTP ${res.status})`);
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    if (total && performance.now() - lastReport > 100) {
      lastReport = performance.now();
      onProgress(`Loading ${file}: ${(received / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB`);
    }
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** Loads a data set's training (or test) images and labels, served under `<base>data/<dataset>/`. */
export async function loadDataset(base: string, dataset: DatasetName, onProgress: (msg: string) => void, split: 'train' | 'test' = 'train'): Promise<ImageSet> {
  const [trainImages, trainLabels] = split === 'train' ? [MNIST_FILES.trainImages, MNIST_FILES.trainLabels] : [MNIST_FILES.testImages, MNIST_FILES.testLabels];
  const folder = `${base}data/${dataset}/`;
  const [images, labels] = await Promise.all([
    fetchBytes(folder + trainImages, `${dataset}/${trainImages}`, onProgress),
    fetchBytes(folder + trainLabels, `${dataset}/${trainLabels}`, () => {}),
  ]);
  const set = parseIdxSet(images, `${dataset}/${trainImages}`, labels, `${dataset}/${trainLabels}`);
  // Kept for offline use; a device that cannot keep it still trains.
  await Promise.all([keep(folder + trainImages, images), keep(folder + trainLabels, labels)]).catch(() => undefined);
  return set;
}

/** The reference classifier's files for the quality score, served under `<base>models/<dataset>/`. */
export async function loadQualityFiles(base: string, dataset: DatasetName): Promise<QualityFiles> {
  const folder = `${base}models/${dataset}/`;
  const quiet = () => {};
  const [model, weights, stats] = await Promise.all(
    ['model.json', 'weights.bin', 'stats.json'].map((f) => fetchBytes(folder + f, `models/${dataset}/${f}`, quiet)),
  );
  const text = new TextDecoder();
  return { modelJson: text.decode(model), weights: weights.buffer as ArrayBuffer, stats: text.decode(stats) };
}
