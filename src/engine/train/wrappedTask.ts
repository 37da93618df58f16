import type { ExportMeta, LiveHyperparams, MetricPoint, RunConfig } from '../../shared/protocol';
import { liveOf } from '../../shared/hyperparams';
import { partsFinite, type HasParts, type TrainedPart } from './parts';
import { applyRates, mergeLive } from './live';
import type { ModelSummary } from '../../shared/modelSummary';
import { summarizeNetwork } from '../inside/modelSummary';
import type { TaskExport } from '../loop/plugin';

/**
 * What an application's task shares, around its own trainer: the step count,
 * the live settings (rates and β1 on every part, then the task's own weight),
 * its parts for run files and NaN checks. The task adds its step's metrics,
 * its view, its measure and where its data streams are.
 */
export abstract class WrappedTask<T extends HasParts & { epoch: number; dispose(): void }> {
  protected live: LiveHyperparams;

  constructor(
    readonly config: RunConfig,
    readonly trainer: T,
  ) {
    this.live = liveOf(config);
  }

  get stepCount(): number {
    return this.trainer.stepCount;
  }

  set stepCount(n: number) {
    this.trainer.stepCount = n;
  }

  get epoch(): number {
    return this.trainer.epoch;
  }

  get hyperparams(): LiveHyperparams {
    return { ...this.live };
  }

  parts(): TrainedPart[] {
    return this.trainer.parts();
  }

  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams {
    this.live = mergeLive(this.live, params);
    applyRates(this.parts(), this.live);
    this.applyWeights(this.live);
    return this.hyperparams;
  }

  /** The task's own live weight (λ) goes to its trainer. */
  protected abstract applyWeights(live: LiveHyperparams): void;

  abstract steps(k: number): Promise<MetricPoint[]>;

  /** The applications do not time D and G apart. */
  takeTiming(): { dMs: null; gMs: null } {
    return { dMs: null, gMs: null };
  }

  /** The networks as the model panel lists them: the (first) generator and the (first) critic. */
  summary(): ModelSummary {
    const parts = this.parts();
    const critic = parts.find((p) => p.name.startsWith('d')) ?? parts[parts.length - 1];
    return { generator: summarizeNetwork(parts[0].model), discriminator: summarizeNetwork(critic.model) };
  }

  /** The download holds the first generator (domain transfer's A→B translator) and the image shapes it maps. */
  exported(): TaskExport {
    const network = this.parts()[0].model;
    const dims = (shape: (number | null)[]) => shape.slice(1) as number[];
    return {
      network,
      meta: { task: this.config.task as ExportMeta['task'], inputShape: dims(network.inputs[0].shape), outputShape: dims(network.outputs[0].shape) },
    };
  }

  weightsFinite(): Promise<boolean> {
    return partsFinite(this.parts());
  }
}
