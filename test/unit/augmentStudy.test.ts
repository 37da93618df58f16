// The augmentation study's parts: a split that never trains on a test image,
// and a study that can tell data that helps from data that does not.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentationStudy, generatedSet, labelledSubset, labelledTensors, type StudyPlan } from '../../src/engine/tasks/generate/augment/study';
import { MNIST_FILES, parseIdxSet } from '../../src/engine/data/mnist';
import { defaultConfig } from '../../src/shared/hyperparams';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain, readMnistFile } from './mnistData';

const train = mnistTrain();
const test = parseIdxSet(readMnistFile(MNIST_FILES.testImages), MNIST_FILES.testImages, readMnistFile(MNIST_FILES.testLabels), MNIST_FILES.testLabels);

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const imageKey = (pixels: Uint8Array, i: number): string => Buffer.from(pixels.subarray(i * 784, (i + 1) * 784)).toString('base64');

describe('the labelled subset', () => {
  it('has count/10 distinct images of each class, none of them a test image', () => {
    const testImages = new Set(Array.from({ length: test.count }, (_, i) => imageKey(test.pixels, i)));
    for (const count of [100, 500, 1000]) {
      for (const seed of [1, 2, 3]) {
        const picked = labelledSubset(train, count, seed);
        expect(new Set(picked).size).toBe(count);
        const perClass = new Array(10).fill(0);
        for (const i of picked) perClass[train.labels[i]]++;
        expect(perClass).toEqual(new Array(10).fill(count / 10));
        expect(Array.from(picked).filter((i) => testImages.has(imageKey(train.pixels, i)))).toEqual([]);
      }
    }
    expect(labelledSubset(train, 100, 1)).not.toEqual(labelledSubset(train, 100, 2));
    expect(() => labelledSubset(train, 105, 1)).toThrow(/multiple of 10/);
  });
});

describe('the study', () => {
  it('finds that 2,000 more real images help and label noise hurts, with no tensors left behind', async () => {
    const plan: StudyPlan = { real: 100, added: 2000, seeds: [1, 2], steps: 120, batch: 32 };
    const extra = Array.from({ length: 2000 }, (_, i) => 30_000 + i);
    const moreReal = () => labelledTensors(train, extra);
    const scrambled = () => {
      const set = labelledTensors(train, extra);
      const wrong = tf.tidy(() => tf.mod(tf.add(set.labels, 1), 10) as tf.Tensor1D);
      set.labels.dispose();
      return { images: set.images, labels: wrong };
    };
    const before = tf.memory().numTensors;
    const helped = await augmentationStudy(train, test, plan, moreReal);
    const hurt = await augmentationStudy(train, test, plan, scrambled);
    expect(tf.memory().numTensors).toBe(before);
    const show = (r: typeof helped) =>
      `${r.mean.realOnly.toFixed(3)}±${r.spread.realOnly.toFixed(3)} -> ${r.mean.augmented.toFixed(3)}±${r.spread.augmented.toFixed(3)}`;
    console.log(`augmentation study: more real images ${show(helped)}; wrong labels ${show(hurt)}`);
    expect(helped.testImages).toBe(10_000);
    expect(helped.rows.map((r) => r.seed)).toEqual([1, 2]);
    // Both arms alone are the same classifiers on the same data: the real-only column repeats exactly.
    expect(hurt.rows.map((r) => r.realOnly)).toEqual(helped.rows.map((r) => r.realOnly));
    expect(helped.mean.augmented).toBeGreaterThan(helped.mean.realOnly + 0.05);
    expect(hurt.mean.augmented).toBeLessThan(hurt.mean.realOnly - 0.05);
  }, 600_000);

  it("labels a conditional generator's images with the classes it was asked for", () => {
    const trainer = new GanTrainer({ ...defaultConfig('mlp'), conditional: true, batchSize: 8, seed: 4 }, train);
    const before = tf.memory().numTensors;
    const set = generatedSet(trainer, 25, 9);
    expect(set.images.shape).toEqual([25, 28, 28, 1]);
    expect(Array.from(set.labels.dataSync())).toEqual(Array.from({ length: 25 }, (_, i) => i % 10));
    tf.dispose([set.images, set.labels]);
    expect(tf.memory().numTensors).toBe(before);
    const plain = new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, seed: 4 }, train);
    expect(() => generatedSet(plain, 10, 1)).toThrow(/conditional/);
    trainer.dispose();
    plain.dispose();
  });
});
