import type { ComponentType } from 'react';
import type { ExportMeta, TaskName } from '../../../shared/protocol';
import { generate } from './generate';
import { superres } from './superres';
import { sketch } from './sketch';
import { transfer } from './transfer';

/** A task's part of the page: its components, in its own folder here. */
export interface TaskPage {
  /** The live view, where the sample grid goes. */
  View: ComponentType;
  /** What it adds below the loss chart. */
  Panels: ComponentType;
  /** Its own tools on an opened download of its generator, under the grid. */
  Opened: ComponentType<{ meta: ExportMeta }>;
}

/** The page's task registry: one line per task (its spec is src/shared/tasks, its engine src/engine/tasks). */
export const TASK_PAGES: Record<TaskName, TaskPage> = { generate, superres, sketch, transfer };
