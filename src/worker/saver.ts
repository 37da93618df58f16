import type { RunArchive } from '../engine/runfile/runArchive';
import type { RunSummary } from '../shared/protocol';
import type { SaveReply, SaveRequest } from './saver.worker';

let saver: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve(bytes: number): void; reject(e: Error): void }>();

/** Hands a run to the saver worker (its buffers are transferred, not copied); resolves with the stored size. */
export function saveRunInBackground(summary: Omit<RunSummary, 'bytes'>, run: RunArchive): Promise<number> {
  if (!saver) {
    saver = new Worker(new URL('./saver.worker.ts', import.meta.url), { type: 'module', name: 'ganvas-saver' });
    saver.onmessage = (e: MessageEvent<SaveReply>) => {
      const reply = e.data;
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) w?.resolve(reply.bytes);
      else w?.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    };
  }
  const id = ++nextId;
  const buffers = new Set<ArrayBuffer>([run.order.buffer as ArrayBuffer, run.metrics.buffer as ArrayBuffer]);
  for (const t of run.tensors.values()) buffers.add(t.buffer as ArrayBuffer);
  if (run.images) buffers.add(run.images.buffer as ArrayBuffer);
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    saver?.postMessage({ id, summary, run } satisfies SaveRequest, [...buffers]);
  });
}
