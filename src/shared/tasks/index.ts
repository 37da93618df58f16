import type { DatasetName, LossKind, ModelKind, RunConfig } from '../protocol';
import { MODEL_LABELS } from '../choices/models';
import type { TaskMeasure } from '../taskScore';
import type { TaskSpec } from './spec';
import { generate } from './generate';
import { superres } from './superres';
import { sketch } from './sketch';
import { transfer } from './transfer';

export { UPSCALE_FACTOR, UPSCALE_LABELS } from './superres';

/** The one registry: a task is its spec here (and its engine and page folders). Its order is the Task field's. */
export const TASKS = { generate, superres, sketch, transfer } satisfies Record<string, TaskSpec>;

/** What a run trains: one of the registry's tasks. */
export type TaskName = keyof typeof TASKS;

/** A new run's task: the registry's first. */
export const DEFAULT_TASK = Object.keys(TASKS)[0] as TaskName;

const each = <T>(f: (spec: TaskSpec) => T) => Object.fromEntries(Object.entries(TASKS).map(([name, spec]) => [name, f(spec)])) as Record<TaskName, T>;

/** What each task is called in the UI. */
export const TASK_LABELS: Record<TaskName, string> = each((t) => t.label);
export const TASK_HINTS: Record<TaskName, string> = each((t) => t.hint);
export const TASK_DEFAULTS: Record<TaskName, Partial<RunConfig>> = each((t) => t.defaults);
export const TASK_MEASURES: Record<TaskName, TaskMeasure[]> = each((t) => t.measures);
export const TASK_VIEW_COLUMNS: Record<TaskName, readonly string[]> = each((t) => t.viewColumns);

/** The settings every task reads: the page shows them whatever the task. */
const EVERY_TASK: (keyof RunConfig)[] = ['task', 'dataset', 'batchSize', 'seed', 'gLearningRate', 'dLearningRate', 'beta1'];

/** Whether the page shows a setting for a task: every task's, or one the task's spec lists. */
export const taskShows = (task: TaskName, key: keyof RunConfig) => EVERY_TASK.includes(key) || TASKS[task].settings.includes(key);

/** What a run is called in lists: its model where its task lets the user pick one (digits from noise), else its task. */
export function runLabel(r: { model: ModelKind; task?: TaskName }): string {
  return r.task && !TASKS[r.task].settings.includes('model') ? TASK_LABELS[r.task] : MODEL_LABELS[r.model];
}

/** The loss D's numbers on the charts come from (the task's spec says). */
export function verdictLoss(c: { task: TaskName; loss: LossKind }): LossKind {
  const v = TASKS[c.task].verdictLoss;
  return v === 'chosen' ? c.loss : v;
}

/** Why a task cannot train on a data set, or undefined when it can. */
export const dataRefusal = (task: TaskName, dataset: DatasetName) => {
  const r = TASKS[task]?.refusesData;
  return r?.dataset === dataset ? r : undefined;
};
