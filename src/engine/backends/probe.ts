import type { RunConfig } from '../../shared/protocol';
import type { TaskData, TaskPlugin } from '../loop/plugin';

export interface ProbeResult {
  imgPerSec: number;
  firstStepMs: number;
  steps: number;
}

/**
 * Trains a throwaway copy of the model on the current backend: one warm-up
 * step (shader compiles, missing kernels surface here), then timed steps
 * until the budget is spent. Throws if the backend cannot train the model.
 */
export async function probeTraining(plugin: TaskPlugin, config: RunConfig, data: TaskData, budgetMs: number): Promise<ProbeResult> {
  const task = plugin.build(config, data);
  try {
    const t0 = performance.now();
    await task.steps(1);
    const firstStepMs = performance.now() - t0;
    const start = performance.now();
    let steps = 0;
    while (steps < 2 || (performance.now() - start < budgetMs && steps < 50)) {
      await task.steps(1);
      steps++;
    }
    const secs = (performance.now() - start) / 1000;
    return { imgPerSec: (steps * config.batchSize) / secs, firstStepMs, steps };
  } finally {
    task.dispose();
  }
}
