import { TrainingLoop } from '../loop/loop';
import type { TaskRegistry } from '../loop/registry';
import { TASKS } from '../tasks/registry';
import type { SessionIO } from './io';
import { tfjsServices } from './services';

/** The loop behind the training worker: the tfjs services, and the tasks this build has (or a test's own). */
export class TrainingSession extends TrainingLoop {
  constructor(io: SessionIO, tasks: TaskRegistry = TASKS) {
    super(io, (live) => tfjsServices(io, tasks, live), tasks);
  }
}
