import type { ErrorCode } from '../../shared/protocol';
import type { SessionIO } from '../session/io';
import type { SessionTask } from './plugin';
import type { TaskRegistry } from './registry';
import type { LoopServices } from './services';
import { Refusal } from './refusal';
import { SessionStream } from './stream';

/** What the loop needs of its host beyond the services: posting, yielding, and the faults only the host can cause. */
export type LoopIO = Pick<SessionIO, 'post' | 'yieldToEvents' | 'testHooks' | 'fault'>;

/** What the loop's parts share: the run's task, whether it runs, the stream to the page, and the services. */
export class LoopState {
  task: SessionTask | null = null;
  running = false;
  disposed = false;
  readonly stream: SessionStream;

  constructor(
    readonly io: LoopIO,
    readonly services: LoopServices,
    readonly tasks: TaskRegistry,
  ) {
    this.stream = new SessionStream((e, t) => io.post(e, t), services);
    // The timelapse and real vs fake follow a generator from noise, if the task has one.
    this.stream.onGrid = async (task, grid) => {
      if (task.fromNoise) await services.inside.onGrid(task.fromNoise, grid, services.data.set);
    };
  }

  requireTask(): SessionTask {
    if (!this.task) throw new Refusal('no model yet: wait for it to load');
    return this.task;
  }

  readonly progress = (message: string): void => this.io.post({ type: 'progress', message });

  async saveNow(): Promise<void> {
    const { autosave, record, backends } = this.services;
    if (this.task) await autosave.save(this.task, record, backends.name, this.stream.lastGrid);
  }

  status(): void {
    const step = this.task?.stepCount ?? 0;
    const status = this.running ? 'running' : this.task ? 'paused' : this.services.data.set ? 'error' : 'loading';
    this.io.post({ type: 'status', status, step });
  }

  error(code: ErrorCode, message: string, recoverable: boolean): void {
    this.io.post({ type: 'error', code, message, recoverable });
  }
}
