/// <reference lib="webworker" />
// Packs and stores autosaves off the training worker's thread: zipping a run
// (CRC over megabytes) would otherwise stall training for several steps.
import { encodeRun, type RunArchive } from '../engine/runfile/runArchive';
import type { RunSummary } from '../shared/protocol';
import { dropUnlisted, saveRun, setAsideForSpace } from '../shared/formats/runStore';

/** Between the training worker and this one only. */
export interface SaveRequest {
  id: number;
  summary: Omit<RunSummary, 'bytes'>;
  run: RunArchive;
}

export type SaveReply = { id: number; ok: true; bytes: number } | { id: number; ok: false; name: string; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<SaveRequest>) => {
  const { id, summary, run } = e.data;
  try {
    const bytes = encodeRun(run);
    await saveRun({ ...summary, bytes: bytes.byteLength }, bytes);
    scope.postMessage({ id, ok: true, bytes: bytes.byteLength } satisfies SaveReply);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'QuotaExceededError') await makeRoom(summary.runId);
    const name = err instanceof Error || err instanceof DOMException ? err.name : 'Error';
    scope.postMessage({ id, ok: false, name, message: err instanceof Error || err instanceof DOMException ? err.message : String(err) } satisfies SaveReply);
  }
};

/** Storage is full: free what a failed write left, and offer the oldest run not marked Keep for export and removal (never deleted here). */
async function makeRoom(runId: string): Promise<void> {
  try {
    await dropUnlisted(runId);
    await setAsideForSpace(runId);
  } catch {
    // Nothing was deleted; the failed save is reported either way.
  }
}
