import type { RunConfig } from '../../shared/protocol';
import type { SessionTask, TaskData } from '../loop/plugin';
import { TaskRegistry } from '../loop/registry';
import { generate } from './generate/plugin';
import { sketch } from './sketch/plugin';
import { superres } from './superres/plugin';
import { transfer } from './transfer/plugin';

/** The tasks this build has: adding one is its folder and one line here. */
export const TASKS = new TaskRegistry([
  generate, // digits from noise
  superres, // super-resolution
  sketch, // sketch to digit
  transfer, // domain transfer
]);

/** A run of the task its config names. */
export function buildTask(config: RunConfig, data: TaskData, tasks: TaskRegistry = TASKS): SessionTask {
  return tasks.of(config.task).build(config, data);
}
