import { DataError, labelledSet, MNIST_FILES, parseIdxImages, parseIdxLabels, type ImageSet } from '../engine/data/mnist';

/** Fetches a file from our own origin, reporting progress for the big ones. */
async function fetchBytes(url: string, file: string, onProgress: (msg: string) => void): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new DataError(file, `could not be fetched (${e instanceof Error ? e.message : String(e)})`);
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

/** Loads the MNIST training images and their labels (for conditional GANs) served under `<base>data/mnist/`. */
export async function loadMnist(base: string, onProgress: (msg: string) => void): Promise<ImageSet> {
  const { trainImages, trainLabels } = MNIST_FILES;
  const [images, labels] = await Promise.all([
    fetchBytes(`${base}data/mnist/${trainImages}`, trainImages, onProgress),
    fetchBytes(`${base}data/mnist/${trainLabels}`, trainLabels, onProgress),
  ]);
  return labelledSet(parseIdxImages(images, trainImages), parseIdxLabels(labels, trainLabels), trainLabels);
}
