import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../../data/mnist';
import { Rng } from '../../../../shared/rng';
import { LATENT_SIZE } from '../../../../shared/settings';
import type { GanTrainer } from '../trainer';
import { accuracy, trainClassifier, type Labelled } from './classifier';

import type { StudyPlan, StudyResult, StudyRow } from '../../../../shared/study';

export type { StudyPlan, StudyResult, StudyRow };

/**
 * `count` indices into the training file, count/10 of each class, picked by
 * the seed: only the training file is ever drawn from, so no test image can
 * reach a classifier's training set.
 */
export function labelledSubset(train: Pick<ImageSet, 'labels'>, count: number, seed: number): Uint32Array {
  const perClass = count / 10;
  if (!Number.isInteger(perClass)) throw new Error(`the number of real images must be a multiple of 10, not ${count}`);
  const rng = new Rng(seed);
  const byClass = Array.from({ length: 10 }, () => [] as number[]);
  train.labels.forEach((label, i) => byClass[label].push(i));
  const picked: number[] = [];
  for (const indices of byClass) {
    if (indices.length < perClass) throw new Error(`the training set has only ${indices.length} images of a class, fewer than ${perClass}`);
    for (let i = 0; i < perClass; i++) {
      const j = i + rng.int(indices.length - i);
      [indices[i], indices[j]] = [indices[j], indices[i]];
      picked.push(indices[i]);
    }
  }
  return Uint32Array.from(picked);
}

/** Images at the given indices of a set, in [-1, 1], with their labels. */
export function labelledTensors(set: ImageSet, indices?: ArrayLike<number>): Labelled {
  const idx = indices ?? Array.from({ length: set.count }, (_, i) => i);
  const px = new Float32Array(idx.length * 784);
  const labels = new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    for (let p = 0; p < 784; p++) px[k * 784 + p] = set.pixels[i * 784 + p] / 127.5 - 1;
    labels[k] = set.labels[i];
  }
  return { images: tf.tensor4d(px, [idx.length, 28, 28, 1]), labels: tf.tensor1d(labels, 'int32') };
}

/**
 * `count` images from a conditional generator, the classes in turn (0-9, 0-9,
 * ...), each labelled with the class it was asked for, from noise seeded by `seed`.
 */
export function generatedSet(trainer: GanTrainer, count: number, seed: number): Labelled {
  if (!trainer.config.conditional) throw new Error('the study needs a conditional generator: its images must come with labels');
  const z = tf.tensor2d(new Rng(seed).fillNormal(new Float32Array(count * LATENT_SIZE)), [count, LATENT_SIZE]);
  try {
    return {
      images: trainer.sample(z, 0),
      labels: tf.tensor1d(
        Int32Array.from({ length: count }, (_, i) => i % 10),
        'int32',
      ),
    };
  } finally {
    z.dispose();
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleSd = (xs: number[]): number => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

/**
 * Does adding generated images help a classifier trained on few real ones?
 * For each seed: the same real subset, once alone and once with `added`
 * images from `generate` (its labels are the classes it was asked for), the
 * same steps each; accuracy on the whole test set. `progress` hears each
 * finished classifier; `between` runs every few training steps (a worker
 * yields there, so commands and its heartbeat get through).
 */
export async function augmentationStudy(
  train: ImageSet,
  test: ImageSet,
  plan: StudyPlan,
  generate: (count: number) => Labelled,
  progress: (done: number, total: number) => Promise<void> | void = () => {},
  between: () => Promise<void> = async () => {},
): Promise<Omit<StudyResult, 'step'>> {
  const testSet = labelledTensors(test);
  const rows: StudyRow[] = [];
  const total = plan.seeds.length * 2;
  try {
    for (const seed of plan.seeds) {
      const real = labelledTensors(train, labelledSubset(train, plan.real, seed));
      const fake = generate(plan.added);
      const both: Labelled = { images: tf.concat([real.images, fake.images]), labels: tf.concat([real.labels, fake.labels]) };
      try {
        const scores: number[] = [];
        for (const set of [real, both]) {
          // The same initial weights and the same batch stream seed for both arms: only the data differs.
          const model = await trainClassifier(set, seed, plan.steps, plan.batch, new Rng(seed * 7919), between);
          scores.push(await accuracy(model, testSet));
          model.dispose();
          await progress(rows.length * 2 + scores.length, total);
        }
        rows.push({ seed, realOnly: scores[0], augmented: scores[1] });
      } finally {
        tf.dispose([real.images, real.labels, fake.images, fake.labels, both.images, both.labels]);
      }
    }
  } finally {
    tf.dispose([testSet.images, testSet.labels]);
  }
  const pick = (k: keyof Omit<StudyRow, 'seed'>): number[] => rows.map((r) => r[k]);
  return {
    plan,
    testImages: test.count,
    rows,
    mean: { realOnly: mean(pick('realOnly')), augmented: mean(pick('augmented')) },
    spread: { realOnly: sampleSd(pick('realOnly')), augmented: sampleSd(pick('augmented')) },
  };
}
