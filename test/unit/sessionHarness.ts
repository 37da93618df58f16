import { verifyBackend } from '../../src/engine/backend';
import { encodeRun } from '../../src/engine/runArchive';
import { decodePng } from './pngDecode';
import { TrainingSession } from '../../src/engine/session';
import type { SessionIO } from '../../src/engine/sessionIO';
import type { BackendName, BackendReport, RunSummary, WorkerEvent } from '../../src/protocol';
import { mnistTrain } from './mnistData';
import { encodePngNode } from './pngEncoder';

/** The worker's loop with Node I/O: real data, real cpu backend, events collected. */
interface Options {
  saveRun?: SessionIO['saveRun'];
  /** Backends that "work", best first (default: cpu only). */
  backends?: BackendName[];
  /** Receives each backend's loss callback, so a test can lose it. */
  onWatch?: (name: BackendName, onLost: (reason: string) => void) => void;
  /** Accept the test hooks, as a worker started with `?faults` does. */
  testHooks?: boolean;
}

export function harness(opts: Options = {}) {
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
    decodeImage: decodePng,
    detectBackends: async (only) => {
      const working = opts.backends ?? ['cpu'];
      const reports: BackendReport[] = [];
      for (const name of only ? [only] : working) {
        if (!working.includes(name)) {
          reports.push({ name, ok: false, detail: 'not in this test', isSoftware: false });
          continue;
        }
        await verifyBackend(name);
        reports.push({ name, ok: true, detail: `${name} in Node`, isSoftware: false });
      }
      return reports;
    },
    yieldToEvents: () => new Promise((r) => setImmediate(r)),
    watchBackend: (name, onLost) => opts.onWatch?.(name, onLost),
    encodePng: encodePngNode,
    testHooks: opts.testHooks,
    fault: (kind) => {
      throw new Error(`${kind} needs the worker shell`);
    },
    saveRun:
      opts.saveRun ??
      (async (summary, run) => {
        const bytes = encodeRun(run);
        saved.set(summary.runId, { summary: { ...summary, bytes: bytes.byteLength }, bytes });
        return bytes.byteLength;
      }),
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

