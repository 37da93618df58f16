import type { RunConfig, TaskName } from '../../shared/protocol';
import type { ModelSummary } from '../../shared/modelSummary';
import { summarizeGan, summarizeNetwork } from '../inside/modelSummary';
import { GanTrainer } from '../tasks/generate/trainer';
import { superResTask } from '../tasks/superres/superResTask';
import { sketchTask } from '../tasks/sketch/sketchTask';
import { TransferTask } from '../tasks/transfer/transferTask';
import type { SessionTask, TaskData } from '../loop/plugin';

/** The one place a task is registered: what it is built from. */
const TASKS: Record<TaskName, (config: RunConfig, data: TaskData) => SessionTask> = {
  generate: (config, data) => new GanTrainer(config, data.train),
  superres: superResTask,
  sketch: sketchTask,
  transfer: (config, data) => new TransferTask(config, data),
};

export function buildTask(config: RunConfig, data: TaskData): SessionTask {
  return TASKS[config.task](config, data);
}

/** The networks as the model panel lists them: the (first) generator and the (first) critic. */
export function summarizeTask(task: SessionTask): ModelSummary {
  if (task instanceof GanTrainer) return summarizeGan(task.gan);
  const parts = task.parts();
  const critic = parts.find((p) => p.name.startsWith('d')) ?? parts[parts.length - 1];
  return { generator: summarizeNetwork(parts[0].model), discriminator: summarizeNetwork(critic.model) };
}

/** Whether a task needs held-out images and MNIST digits beside its own set, and how many data samplers it runs. */
export function taskNeeds(task: TaskName): { test: boolean; digits: boolean; samplers: number } {
  const digits = task === 'transfer';
  return { test: task !== 'generate', digits, samplers: digits ? 2 : 1 };
}
