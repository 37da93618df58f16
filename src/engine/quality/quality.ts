import * as tf from '@tensorflow/tfjs';
import type { DatasetName, QualityPoint } from '../../shared/protocol';
import { frechetDistance, gaussianOf, reference, type Reference } from './frechet';
import { messageOf } from '../../shared/errors';
import { NUM_CLASSES } from '../../shared/choices/datasets';

export const FEATURES = 64;
/** The classifier's outputs: one per class of the data sets it scores. */
export const CLASSES = NUM_CLASSES;
/** A class counts as covered when it gets at least this share of the samples. */
export const MODE_SHARE = 0.025;
const CHUNK = 250;

/** What public/models/<dataset>/stats.json holds (written by scripts/classifier/convert.ts). */
export interface ClassifierStats {
  dataset: DatasetName;
  testImages: number;
  /** Accuracy on the whole test set, measured in tfjs. */
  testAccuracy: number;
  /** The classifier score of the test set itself: the ceiling a generator aims at. */
  testScore: number;
  /** Real-vs-real Frechet distance of k test images to the full test statistics. */
  floors: { k: number; fd: number }[];
  mean: number[];
  /** FEATURES x FEATURES, row-major. */
  cov: number[];
}

/** One evaluation of K images: a quality point before it is placed at a step and timed (fields documented there). */
export type QualityReport = Omit<QualityPoint, 'step' | 'ms' | 'spread'> & { spread: number };

export class QualityFileError extends Error {
  override name = 'QualityFileError';
}

function isNumbers(v: unknown, length: number): v is number[] {
  return Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Checks a parsed stats.json; `file` names it in the message. */
export function parseStats(raw: unknown, file: string): ClassifierStats {
  const s = raw as Partial<ClassifierStats> | null;
  const bad = (what: string): never => {
    throw new QualityFileError(`${file}: ${what}`);
  };
  if (!s || typeof s !== 'object') bad('not a JSON object');
  if (!isNumbers(s?.mean, FEATURES)) bad(`mean must be ${FEATURES} numbers`);
  if (!isNumbers(s?.cov, FEATURES * FEATURES)) bad(`cov must be ${FEATURES * FEATURES} numbers`);
  const floors = s?.floors;
  if (!Array.isArray(floors) || !floors.length || !floors.every((f) => Number.isInteger(f?.k) && f.k > 1 && Number.isFinite(f.fd)))
    bad('floors must be a list of {k, fd}');
  return s as ClassifierStats;
}

/** The floor at k samples: FD's small-sample bias falls like 1/k, so the nearest measured k is scaled. */
export function floorAt(stats: ClassifierStats, k: number): number {
  const nearest = stats.floors.reduce((a, b) => (Math.abs(Math.log(b.k / k)) < Math.abs(Math.log(a.k / k)) ? b : a));
  return (nearest.fd * nearest.k) / k;
}

/** Classifier score, histogram, modes and KL to uniform from n softmax rows. */
export function classStats(probs: Float32Array, n: number): Omit<QualityReport, 'fd' | 'floor' | 'count' | 'spread'> {
  const marginal = new Float64Array(CLASSES);
  const histogram = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 0; c < CLASSES; c++) {
      marginal[c] += probs[i * CLASSES + c] / n;
      if (probs[i * CLASSES + c] > probs[i * CLASSES + best]) best = c;
    }
    histogram[best]++;
  }
  let meanKl = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < CLASSES; c++) {
      const p = probs[i * CLASSES + c];
      if (p > 0) meanKl += (p * Math.log(p / marginal[c])) / n;
    }
  }
  let kl = 0;
  for (const count of histogram) if (count > 0) kl += (count / n) * Math.log((count / n) * CLASSES);
  return { score: Math.exp(meanKl), histogram, modes: histogram.filter((c) => c >= MODE_SHARE * n).length, kl };
}

/**
 * The reference classifier (a small CNN trained once per data set, see
 * scripts/classifier/) with its test-set statistics: turns images into the
 * numbers the quality chart shows.
 */
function trace(cov: Float64Array): number {
  let t = 0;
  for (let j = 0; j < FEATURES; j++) t += cov[j * FEATURES + j];
  return t;
}

export class QualityClassifier {
  private readonly both: tf.LayersModel;
  private readonly ref: Reference;

  private constructor(
    private readonly model: tf.LayersModel,
    readonly stats: ClassifierStats,
  ) {
    this.both = tf.model({ inputs: model.inputs, outputs: [model.getLayer('features').output as tf.SymbolicTensor, model.outputs[0]] });
    const d = Float64Array.from(stats.mean);
    this.ref = reference({ mean: d, cov: Float64Array.from(stats.cov) });
  }

  /** Builds from a model.json's text, its weights.bin and the parsed stats.json. */
  static async load(modelJson: string, weights: ArrayBuffer, stats: ClassifierStats, file: string): Promise<QualityClassifier> {
    let artifacts: { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    try {
      artifacts = JSON.parse(modelJson);
    } catch (e) {
      throw new QualityFileError(`${file}: not JSON (${messageOf(e)})`);
    }
    const specs = artifacts.weightsManifest?.flatMap((g) => g.weights) ?? [];
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: specs, weightData: weights }));
    return new QualityClassifier(model, stats);
  }

  /** Penultimate features (n x 64) and softmax (n x 10) of images in [-1, 1], NHWC; the input is not disposed. */
  async read(images: tf.Tensor4D): Promise<{ features: Float32Array; probs: Float32Array }> {
    const [f, p] = tf.tidy(() => {
      const [features, logits] = this.both.predict(tf.div(tf.add(images, 1), 2)) as tf.Tensor[];
      return [features, tf.softmax(logits)];
    });
    const [features, probs] = (await Promise.all([f.data(), p.data()])) as Float32Array[];
    tf.dispose([f, p]);
    return { features, probs };
  }

  /** Evaluates k images made chunk by chunk by `make(start, count)` (each chunk is disposed here). */
  async evaluate(k: number, make: (start: number, count: number) => tf.Tensor4D): Promise<QualityReport> {
    const features = new Float32Array(k * FEATURES);
    const probs = new Float32Array(k * CLASSES);
    for (let start = 0; start < k; start += CHUNK) {
      const count = Math.min(CHUNK, k - start);
      const images = make(start, count);
      try {
        const out = await this.read(images);
        features.set(out.features, start * FEATURES);
        probs.set(out.probs, start * CLASSES);
      } finally {
        images.dispose();
      }
    }
    const samples = gaussianOf(features, k, FEATURES);
    const fd = frechetDistance(this.ref, samples);
    const spread = Math.sqrt(trace(samples.cov) / trace(this.ref.cov));
    return { count: k, fd, floor: floorAt(this.stats, k), ...classStats(probs, k), spread };
  }

  dispose(): void {
    this.model.dispose();
  }
}
