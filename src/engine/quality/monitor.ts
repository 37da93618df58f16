import * as tf from '@tensorflow/tfjs';
import type { DatasetName, QualityPoint } from '../../shared/protocol';
import { LATENT_SIZE } from '../../shared/settings';
import { parseStats, QualityClassifier } from './quality';
import { Rng } from '../../shared/rng';
import type { NoiseGenerator } from '../train/noiseGenerator';
import type { SessionTask } from '../loop/plugin';
import type { TaskScore } from '../../shared/taskScore';

/** The classifier's files for a data set: model.json's text, weights.bin, stats.json's text. */
export interface QualityFiles {
  modelJson: string;
  weights: ArrayBuffer;
  stats: string;
}

export const QUALITY_SAMPLES = 1000;

/** The noise every evaluation of a run uses (its own seed): changes between points are the generator's, not the draw's. */
export function qualityNoise(seed: number, samples: number): Float32Array {
  return new Rng(seed ^ 0x9a11).fillNormal(new Float32Array(samples * LATENT_SIZE));
}
/** Training time between evaluations, at least. */
const EVERY_MS = 10_000;
/** Evaluation may take at most this share of the time: training >= 9x the last evaluation. */
const MAX_SHARE = 0.1;

/**
 * Decides when the generator is evaluated (every ~10 s of training, spaced
 * further if an evaluation is slow, so it costs <= 10% of the time) and runs
 * the evaluation on fixed noise, outside the training streams.
 */
export class QualityMonitor {
  private classifier: { dataset: DatasetName; model: QualityClassifier } | null = null;
  private trainedMs = 0;
  private lastEvalMs = 0;
  /** Data sets whose classifier failed to load: not retried, said once. */
  private readonly broken = new Set<DatasetName>();

  constructor(
    private readonly load: ((dataset: DatasetName) => Promise<QualityFiles>) | undefined,
    readonly samples = QUALITY_SAMPLES,
    /** The clock an evaluation is timed with (injectable, so a test can make evaluations slow). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts training time (only time spent in steps, so the evaluation never counts itself). */
  trained(ms: number): void {
    this.trainedMs += ms;
  }

  /** A new run: the clock starts again. */
  restart(): void {
    this.trainedMs = 0;
  }

  /** Whether an evaluation is due; `classifier`: whether it needs the data set's reference classifier. */
  due(dataset: DatasetName, classifier = true): boolean {
    // Your own images have no reference classifier to score against.
    if ((classifier && (!this.load || dataset === 'custom')) || this.broken.has(dataset)) return false;
    return this.trainedMs >= Math.max(EVERY_MS, (this.lastEvalMs * (1 - MAX_SHARE)) / MAX_SHARE);
  }

  /** Evaluates K samples of the generator with BatchNorm in inference mode; a failure turns quality off for the data set. */
  async evaluate(trainer: NoiseGenerator): Promise<QualityPoint> {
    this.trainedMs = 0;
    const started = this.now();
    const { dataset } = trainer.config;
    let report;
    try {
      const classifier = await this.classifierFor(dataset);
      const z = qualityNoise(trainer.config.seed, this.samples);
      report = await classifier.evaluate(this.samples, (start, count) =>
        tf.tidy(() => trainer.sample(tf.tensor2d(z.subarray(start * LATENT_SIZE, (start + count) * LATENT_SIZE), [count, LATENT_SIZE]), start)),
      );
    } catch (e) {
      this.broken.add(dataset);
      throw e;
    }
    this.lastEvalMs = this.now() - started;
    return { step: trainer.stepCount, ...report, ms: this.lastEvalMs };
  }

  /** An application's own measure on held-out images; a failure turns it off for the data set. */
  async evaluateTask(task: SessionTask): Promise<TaskScore> {
    this.trainedMs = 0;
    const { dataset } = task.config;
    if (!task.evaluate) throw new Error('this task has no held-out measure');
    try {
      const score = await task.evaluate({ classifier: (d) => this.classifierFor(d) });
      this.lastEvalMs = score.ms;
      return score;
    } catch (e) {
      this.broken.add(dataset);
      throw e;
    }
  }

  private async classifierFor(dataset: DatasetName): Promise<QualityClassifier> {
    if (this.classifier?.dataset === dataset) return this.classifier.model;
    if (!this.load) throw new Error('no quality classifier in this session');
    const files = await this.load(dataset);
    let stats: unknown;
    try {
      stats = JSON.parse(files.stats);
    } catch {
      throw new Error(`models/${dataset}/stats.json is not valid JSON`);
    }
    const model = await QualityClassifier.load(
      files.modelJson,
      files.weights,
      parseStats(stats, `models/${dataset}/stats.json`),
      `models/${dataset}/model.json`,
    );
    this.classifier?.model.dispose();
    this.classifier = { dataset, model };
    return model;
  }

  /** Drops the classifier (a dying backend may refuse to free it: it is gone with the backend then). */
  dispose(): void {
    try {
      this.classifier?.model.dispose();
    } catch {
      // the backend is already gone
    }
    this.classifier = null;
  }
}
