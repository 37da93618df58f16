import type { TaskName } from '../../shared/protocol';
import { Refusal } from './refusal';
import type { TaskCommand, TaskPlugin } from './plugin';
import type { OpenedInput } from '../inside/openedTask';

/** The tasks a session can run, by id, and which of them owns each task command. */
export class TaskRegistry {
  private readonly byId = new Map<string, TaskPlugin>();
  private readonly byCommand = new Map<string, TaskPlugin>();

  constructor(plugins: TaskPlugin[]) {
    for (const p of plugins) {
      if (this.byId.has(p.id)) throw new Error(`task ${p.id} is registered twice`);
      this.byId.set(p.id, p);
      for (const type of Object.keys(p.commands ?? {})) {
        if (this.byCommand.has(type)) throw new Error(`command ${type} is claimed by two tasks`);
        this.byCommand.set(type, p);
      }
    }
  }

  of(id: TaskName): TaskPlugin {
    const plugin = this.byId.get(id);
    if (!plugin) throw new Refusal(`this build has no task “${id}”`);
    return plugin;
  }

  get all(): TaskPlugin[] {
    return [...this.byId.values()];
  }

  /** The applications a generator download may be of, and how an opened one takes its input. */
  get openable(): Map<string, OpenedInput> {
    return new Map(this.all.flatMap((p) => (p.opened ? [[p.id, p.opened] as const] : [])));
  }

  /** The plug-in whose command this is, if one was registered. */
  ownerOf(type: TaskCommand['type']): TaskPlugin | undefined {
    return this.byCommand.get(type);
  }
}
