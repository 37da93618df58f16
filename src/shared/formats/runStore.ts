import { createStore, del, get, set, values } from 'idb-keyval';
import type { RunSummary } from '../protocol';

// Saved runs in IndexedDB, shared by the worker (which writes autosaves) and
// the page (which lists, resumes and deletes). Summaries live apart from the
// archives so the list never reads megabytes of weights.
const summaries = createStore('ganvas-runs', 'summaries');
const archives = createStore('ganvas-run-archives', 'archives');

/** Older runs beyond this are dropped when a new save lands. */
export const MAX_RUNS = 6;

/** Archive first, then summary: a listed run always has its archive. */
export async function saveRun(summary: RunSummary, bytes: Uint8Array): Promise<void> {
  await set(summary.runId, bytes, archives);
  await set(summary.runId, summary, summaries);
  const stale = (await listRuns()).slice(MAX_RUNS).filter((r) => r.runId !== summary.runId);
  for (const r of stale) await deleteRun(r.runId);
}

/** Newest first. */
export async function listRuns(): Promise<RunSummary[]> {
  const all = await values<RunSummary>(summaries);
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function loadRunBytes(runId: string): Promise<ArrayBuffer> {
  const bytes = await get<Uint8Array>(runId, archives);
  if (!bytes) throw new Error('this saved run is gone from the browser storage');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export async function deleteRun(runId: string): Promise<void> {
  await del(runId, summaries);
  await del(runId, archives);
}

/** What this site uses of the browser's storage, where the browser says. */
export async function storageUse(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}
