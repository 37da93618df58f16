import { verifyBackend } from '../../src/engine/backends/backend';
import { captureRun } from '../../src/engine/runfile/checkpoint';
import { encodeRun } from '../../src/engine/runfile/runArchive';
import { decodePng } from './pngDecode';
import { TrainingSession } from '../../src/engine/session/session';
import type { SessionIO } from '../../src/engine/session/io';
import type { TaskRegistry } from '../../src/engine/loop/registry';
import type { BackendName, BackendReport, RunSummary, WorkerEvent } from '../../src/shared/protocol';
import { mnistTrain, servedSet } from './mnistData';
import { encodePngNode } from './pngEncoder';

/** The worker's loop with Node I/O: real data, real cpu backend, events collected. */
interface Options {
  saveRun?: SessionIO['saveRun'];
  /** Backends that "work", best first (default: cpu only). */
  backends?: BackendName[];
  /** Receives each backend's loss callback, so a test can lose it. */
  onWatch?: (name: BackendName, onLost: (reason: string) => void) => void;
  /** The quality classifier's files (default: none, so the session measures no quality). */
  loadQuality?: SessionIO['loadQuality'];
  /** Accept the test hooks, as a worker started with `?faults` does (default: yes, the fault tests drive them; testHooks.test.ts checks both). */
  testHooks?: boolean;
  /** The tasks the session can run (default: this build's registry). */
  tasks?: TaskRegistry;
}

export function harness(opts: Options = {}) {
  const events: WorkerEvent[] = [];
  /** What autosave wrote, by run id (the worker writes to IndexedDB). */
  const saved = new Map<string, { summary: RunSummary; bytes: Uint8Array }>();
  const times: number[] = [];
  const session = new TrainingSession(
    {
      post: (e) => {
        events.push(e);
        times.push(performance.now());
      },
      // Digits by default; the applications ask for held-out images and Fashion-MNIST too.
      loadData: async (dataset, _progress, split = 'train') =>
        dataset === 'mnist' && split === 'train' ? mnistTrain() : servedSet(dataset === 'fashion' ? 'fashion' : 'mnist', split),
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
      testHooks: opts.testHooks ?? true,
      fault: (kind) => {
        throw new Error(`${kind} needs the worker shell`);
      },
      ...(opts.loadQuality ? { loadQuality: opts.loadQuality } : {}),
      saveRun:
        opts.saveRun ??
        (async (summary, run) => {
          const bytes = encodeRun(run);
          saved.set(summary.runId, { summary: { ...summary, bytes: bytes.byteLength }, bytes });
          return bytes.byteLength;
        }),
    },
    opts.tasks,
  );
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
  /** Everything the run is (G, D, both optimizers' moments and counters, step, noise and data position), copied out. */
  const state = async () => {
    const task = session.task;
    if (!task) throw new Error('no run');
    const { meta, tensors, order } = await captureRun(task, { runId: '', backend: 'cpu', changes: [], metrics: new Float64Array() });
    // Bit patterns, so that equal means bitwise equal (-0 and 0, NaN payloads).
    const bits = new Map([...tensors].map(([name, v]) => [name, new Uint32Array(v.slice().buffer)]));
    return { bits, order: order.slice(), step: meta.step, rng: meta.rng, sampler: meta.sampler, optimizers: meta.optimizers, live: meta.live };
  };
  return { session, events, of, until, send, timesOf, saved, state };
}

export type RunState = Awaited<ReturnType<ReturnType<typeof harness>['state']>>;

/** What differs between two states: tensor names (e.g. dopt/0/m), then other fields; [] when bitwise equal. */
export function stateChanges(a: RunState, b: RunState): string[] {
  const names = new Set([...a.bits.keys(), ...b.bits.keys()]);
  const sameBits = (x?: Uint32Array, y?: Uint32Array) => !!x && !!y && x.length === y.length && x.every((v, i) => v === y[i]);
  const tensors = [...names].filter((n) => !sameBits(a.bits.get(n), b.bits.get(n)));
  const order = a.order.length === b.order.length && a.order.every((v, i) => v === b.order[i]) ? [] : ['order'];
  const fields = (['step', 'rng', 'sampler', 'optimizers', 'live'] as const).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return [...tensors, ...order, ...fields];
}
