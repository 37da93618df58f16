import type * as tf from '@tensorflow/tfjs';
import type { GeneratorSourceName, TaskName } from '../../shared/protocol';
import { TASK_LABELS } from '../../shared/tasks';
import type { GeneratorViewer } from '../inside/generatorViewer';
import type { SessionTask } from '../loop/plugin';
import { Refusal } from '../loop/refusal';
import { PairedTask } from './pairedTask';

/** The image-to-image generator a task's command asks for: the live run's (if it is that task) or an opened download of that task, with its step. */
export function pairedGenerator(
  task: SessionTask | null,
  viewer: GeneratorViewer,
  source: GeneratorSourceName,
  want: TaskName,
): { model: tf.LayersModel; step: number; task: PairedTask | null } {
  if (source === 'opened') {
    const opened = viewer.taskModel(want);
    if (!opened) throw new Refusal(`no ${TASK_LABELS[want]} generator is open`);
    return { ...opened, task: null };
  }
  if (!(task instanceof PairedTask) || task.config.task !== want)
    throw new Refusal(`this is part of “${TASK_LABELS[want]}”; this run is ${task ? TASK_LABELS[task.config.task] : 'still loading'}`);
  return { model: task.trainer.generator, step: task.stepCount, task };
}
