import type { Command } from '../../shared/protocol';
import type { TaskCommand, TaskCommandContext } from './plugin';
import { Refusal } from './refusal';
import type { LoopState } from './state';

/** Commands that may come between two phases of a step; any other first settles the step in progress. */
export const BETWEEN_PHASES = new Set<Command['type']>([
  'phaseStep',
  'setHyperparams',
  'setAutosave',
  'openGenerator',
  'sampleGenerator',
  'closeGenerator',
  'fault',
  'dispose',
]);

/** The commands the loop hands to a task's plug-in rather than acting on itself. */
const TASK_COMMANDS = new Set<Command['type']>(['translate', 'upscale', 'runStudy', 'setSampleClass'] satisfies TaskCommand['type'][]);

export function isTaskCommand(cmd: Command): cmd is TaskCommand {
  return TASK_COMMANDS.has(cmd.type);
}

/** Hands a task's command to the plug-in that declared it, with what of the session it may use. */
export function routeToTask(state: LoopState, cmd: TaskCommand, pause: () => Promise<void>): Promise<void> {
  const owner = state.tasks.ownerOf(cmd.type);
  const handler = owner?.commands?.[cmd.type] as ((c: TaskCommand, ctx: TaskCommandContext) => Promise<void>) | undefined;
  if (!handler) throw new Refusal(`no task here takes '${cmd.type}'`);
  const { services, io } = state;
  return handler(cmd, {
    task: state.task,
    viewer: services.inside.viewer,
    post: (e, t) => io.post(e, t),
    pause: async () => {
      if (state.running) await pause();
    },
    heldOut: (dataset) => services.data.withHeldOut(dataset, state.progress),
    refreshGrid: () => state.stream.samples(state.task),
    yieldToEvents: () => io.yieldToEvents(),
  });
}
