import type { BackendName, BackendReport } from '../../shared/protocol';
import { BACKEND_ORDER, BackendError } from './backend';
import type { RunArchive } from '../runfile/runArchive';
import type { RunRecord } from '../runfile/runRecord';
import type { SessionTask } from '../loop/plugin';

/** The backend died under a step (context or device lost, a kernel gone): the run moves on without it. */
export class BackendFailure extends Error {
  override name = 'BackendFailure';
}

/**
 * Whether the current backend has died. A lost WebGPU device can leave a read
 * pending forever, so a step waits on "finished" or "lost", whichever is first.
 */
export class BackendWatch {
  reason: string | null = null;
  private lost: Promise<never> = new Promise<never>(() => undefined);

  /** A fresh watch for a newly chosen backend; returns the callback that reports its loss. */
  arm(): (reason: string) => void {
    this.reason = null;
    let fail: (e: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (fail = reject));
    lost.catch(() => undefined); // observed through race(); never an unhandled rejection
    this.lost = lost;
    return (reason) => {
      if (this.lost !== lost) return; // a backend we already left
      this.reason = reason;
      fail(new BackendFailure(reason));
    };
  }

  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lost]);
  }
}

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);
}

/**
 * The best copy of the run to continue from: read from the failing backend if
 * it still answers with finite values (a missing kernel leaves the weights
 * intact: nothing is lost), else the last host copy.
 */
export async function salvage(task: SessionTask, record: RunRecord, backend: BackendName, deviceGone: boolean): Promise<{ run: RunArchive; exact: boolean }> {
  if (!deviceGone) {
    try {
      const run = await timeout(record.capture(task, backend), 5000);
      if ([...run.tensors.values()].every((t) => t.every(Number.isFinite))) return { run, exact: true };
    } catch {
      // unreadable: fall back to the host copy
    }
  }
  const copy = record.hostCopyWithHistory();
  if (!copy) throw new BackendError(`${backend} failed and no copy of the run could be read`);
  return { run: copy, exact: false };
}

/** Backend reports with the failed ones marked out; backends never detected (a forced backend) are detected now. */
export async function reportsWithout(
  current: BackendReport[],
  failed: Map<BackendName, string>,
  detect: (only: BackendName) => Promise<BackendReport[]>,
): Promise<BackendReport[]> {
  const out: BackendReport[] = [];
  for (const name of BACKEND_ORDER) {
    const known = current.find((r) => r.name === name);
    const why = failed.get(name);
    if (why !== undefined) out.push({ name, ok: false, detail: `failed while training: ${why}`, isSoftware: known?.isSoftware ?? false });
    else out.push(known ?? (await detect(name))[0]);
  }
  if (!out.some((r) => r.ok)) throw new BackendError('every backend has failed in this tab; reload the page to try again');
  return out;
}
