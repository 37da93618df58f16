import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_FILES, parseIdxSet, type ImageSet } from '../../src/engine/data/mnist';
import { frechetDistance, gaussianOf, reference } from '../../src/engine/quality/frechet';
import { parseStats, QualityClassifier } from '../../src/engine/quality/quality';
import type { DatasetName } from '../../src/shared/protocol';
import { qualityFiles } from './qualityFiles';

const ROOT = join(import.meta.dirname, '..', '..');

/** The shipped classifier, loaded from its files as the worker loads them. */
async function shipped(dataset: DatasetName): Promise<QualityClassifier> {
  const files = qualityFiles(dataset);
  return QualityClassifier.load(files.modelJson, files.weights, parseStats(JSON.parse(files.stats), 'stats.json'), 'model.json');
}

/** The test split (public/data, made by scripts/prepare-data.ts). */
function testSet(dataset: DatasetName): ImageSet {
  const read = (f: string) => new Uint8Array(readFileSync(join(ROOT, 'public', 'data', dataset, f)));
  return parseIdxSet(read(MNIST_FILES.testImages), MNIST_FILES.testImages, read(MNIST_FILES.testLabels), MNIST_FILES.testLabels);
}

/** Images by index, scaled to [-1, 1] like the generator's output. */
function images(set: ImageSet, indices: number[]): tf.Tensor4D {
  const pixels = new Float32Array(indices.length * 784);
  indices.forEach((src, i) => {
    for (let p = 0; p < 784; p++) pixels[i * 784 + p] = set.pixels[src * 784 + p] / 127.5 - 1;
  });
  return tf.tensor4d(pixels, [indices.length, 28, 28, 1]);
}

const range = (start: number, n: number) => Array.from({ length: n }, (_, i) => start + i);

async function accuracy(classifier: QualityClassifier, set: ImageSet, n: number): Promise<number> {
  const x = images(set, range(0, n));
  const { probs } = await classifier.read(x);
  x.dispose();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from(probs.subarray(i * 10, i * 10 + 10));
    if (row.indexOf(Math.max(...row)) === set.labels[i]) correct++;
  }
  return correct / n;
}

describe('Frechet distance', () => {
  const a = { mean: Float64Array.from([0, 0]), cov: Float64Array.from([2, 0.5, 0.5, 1]) };
  const b = { mean: Float64Array.from([1, 2]), cov: Float64Array.from([1, 0, 0, 3]) };

  it('is 0 between identical Gaussians', () => {
    expect(frechetDistance(reference(a), a)).toBeCloseTo(0, 10);
    const wide = gaussianOf(
      Float32Array.from({ length: 64 * 200 }, (_, i) => Math.sin(i * 0.37) * (i % 7)),
      200,
      64,
    );
    expect(frechetDistance(reference(wide), wide)).toBeCloseTo(0, 6);
  });

  it('matches the closed form for a 2-d case', () => {
    // For 2x2 S1 S2 with positive eigenvalues, Tr sqrt(S1 S2) = sqrt(tr + 2 sqrt(det)); here tr 5, det 5.25.
    const expected = 1 + 4 + (3 + 4) - 2 * Math.sqrt(5 + 2 * Math.sqrt(5.25));
    expect(frechetDistance(reference(a), b)).toBeCloseTo(expected, 10);
  });
});

describe('the shipped MNIST classifier', () => {
  let classifier: QualityClassifier;
  let test: ImageSet;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    classifier = await shipped('mnist');
    test = testSet('mnist');
  });
  afterAll(() => classifier.dispose());

  it('classifies >= 99% of a test slice correctly in tfjs', async () => {
    expect(await accuracy(classifier, test, 1000)).toBeGreaterThanOrEqual(0.99);
  });

  it('scores real test images > 9 with every digit covered, their spread and FD near the floor', async () => {
    // Every 10th image: the test set's halves come from different writers, so a contiguous slice is not a fair draw.
    const r = await classifier.evaluate(1000, (start, count) =>
      images(
        test,
        range(start, count).map((i) => i * 10 + 3),
      ),
    );
    expect(r.score).toBeGreaterThan(9);
    expect(r.modes).toBe(10);
    expect(r.kl).toBeLessThan(0.05);
    expect(r.histogram.reduce((s, c) => s + c, 0)).toBe(1000);
    expect(r.fd).toBeLessThan(2 * r.floor);
    expect(r.spread).toBeGreaterThan(0.9);
    expect(r.spread).toBeLessThan(1.1);
  });

  it('scores one digit repeated near 1, with one mode, no spread and FD far above the floor', async () => {
    const seven = test.labels.indexOf(7);
    const r = await classifier.evaluate(500, (_, count) => images(test, new Array<number>(count).fill(seven)));
    expect(r.score).toBeLessThan(1.05);
    expect(r.modes).toBe(1);
    expect(r.histogram[7]).toBe(500);
    expect(r.kl).toBeCloseTo(Math.log(10), 5);
    expect(r.fd).toBeGreaterThan(20 * r.floor);
    expect(r.spread).toBe(0);
  });

  it('leaks no tensors across evaluations', async () => {
    const make = (start: number, count: number) => images(test, range(start, count));
    await classifier.evaluate(100, make);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) await classifier.evaluate(100, make);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the shipped Fashion-MNIST classifier', () => {
  it('classifies >= 90% of a test slice correctly in tfjs', async () => {
    await tf.setBackend('cpu');
    const classifier = await shipped('fashion');
    expect(await accuracy(classifier, testSet('fashion'), 1000)).toBeGreaterThanOrEqual(0.9);
    classifier.dispose();
  });
});
