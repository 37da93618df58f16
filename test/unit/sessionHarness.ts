import { verifyBackend } from '../../src/engine/backend';
import { TrainingSession, type SessionIO } from '../../src/engine/session';
import type { RunSummary, WorkerEvent } from '../../src/protocol';
import { mnistTrain } from './mnistData';

/** The worker's loop with Node I/O: real data, real cpu backend, events collected. */
export function harness(opts: { saveRun?: SessionIO['saveRun'] } = {}) {
  const events: WorkerEvent[] = [];
  /** What autosave wrote, by run id (the worker writes to IndexedDB). */
  const saved = new Map<string, { summary: RunSummary; bytes: Uint8Array }>();
  const times: number[] = [];
  const session = new TrainingSession({
    post: (e) => {
      events.push(e);
      times.push(performance.now());
    },
    loadData: async () => mnistTrain(),
    detectBackends: async () => {
      await verifyBackend('cpu');
      return [{ name: 'cpu', ok: true, detail: 'plain JavaScript', isSoftware: false }];
    },
    yieldToEvents: () => new Promise((r) => setImmediate(r)),
    saveRun: opts.saveRun ?? (async (summary, bytes) => void saved.set(summary.runId, { summary, bytes })),
  });
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const until = async (pred: () => boolean, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; events: ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const send = (c: unknown) => session.receive(c);
  /** When each event of a type was posted, in ms. */
  const timesOf = (type: WorkerEvent['type']) => times.filter((_, i) => events[i].type === type);
  return { session, events, of, until, send, timesOf, saved };
}

