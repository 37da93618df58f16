import type { LiveHyperparams, MetricPoint, RunConfig } from '../../shared/protocol';
import type { TaskScore } from '../../shared/taskScore';
import type { RngState } from '../../shared/rng';
import type { SamplerState } from '../data/batches';
import type { ImageSet } from '../data/mnist';
import type { HasParts, TrainedPart } from '../train/parts';
import { describeErrors, validateLive } from '../../shared/hyperparams';
import { HyperparamError } from '../tasks/generate/trainer';
import type { SampleGrid } from '../train/samples';
import type { QualityClassifier } from '../quality/quality';

/** Where a task's data streams are: its RNG, its sampler, and any further samplers (domain transfer's second set). */
export interface TaskPosition {
  rng: RngState;
  sampler: SamplerState;
  more?: SamplerState[];
}

/** The images a task trains and is measured on. */
export interface TaskData {
  /** The run's data set (domain transfer: set B). */
  train: ImageSet;
  /** Held-out images of the same kind (your own images have none: the first of them). */
  test: ImageSet;
  /** Domain transfer's set A, MNIST digits. */
  digits?: { train: ImageSet; test: ImageSet };
}

/** What a task's evaluation may use beyond its own networks. */
export interface TaskTools {
  classifier(dataset: 'mnist' | 'fashion'): Promise<QualityClassifier>;
}

/**
 * What the session loop drives (DESIGN.md, "One session loop, many tasks"):
 * the loop owns commands, batching, saving, rollback and failover; a task owns
 * its networks, one step, its view and its measure. GanTrainer is the digits
 * task; src/engine/session/tasks.ts registers the rest.
 */
export interface SessionTask extends HasParts {
  readonly config: RunConfig;
  readonly hyperparams: LiveHyperparams;
  readonly epoch: number;
  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams;
  /** k steps, read back with one awaited read; D's and G's losses and D's verdicts as the chart shows them. */
  steps(k: number): Promise<MetricPoint[]>;
  takeTiming(): { dMs: number | null; gMs: number | null };
  /** The live view: the fixed-noise grid, or the task's showcase (one row per fixed held-out image). */
  sampleGrid(): Promise<SampleGrid>;
  weightsFinite(): Promise<boolean>;
  position(): TaskPosition;
  setPosition(p: TaskPosition): void;
  /** The task's measure on held-out images (the digits task is measured by the quality monitor instead). */
  evaluate?(tools: TaskTools): Promise<TaskScore>;
  dispose(): void;
}

/** Critics' parts take D's learning rate, every other part G's; all take β1. */
export function applyRates(parts: TrainedPart[], live: LiveHyperparams): void {
  for (const p of parts) {
    p.opt.learningRate = CRITICS.has(p.name) ? live.dLearningRate : live.gLearningRate;
    p.opt.beta1 = live.beta1;
  }
}

const CRITICS = new Set(['d', 'da', 'db']);

/** Validates live changes and merges them; throws HyperparamError and changes nothing if any is bad. */
export function mergeLive(live: LiveHyperparams, params: Partial<LiveHyperparams>): LiveHyperparams {
  const errors = validateLive(params);
  if (Object.keys(errors).length) throw new HyperparamError(describeErrors(errors));
  return { ...live, ...params };
}
