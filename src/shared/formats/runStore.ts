import { createStore, del, entries, get, set, update, values } from 'idb-keyval';
import type { RunSummary } from '../protocol';
import { KEEP_DEFAULT, overKeep, roomFrom, type SetAside } from './runKeep';

// Saved runs in IndexedDB, shared by the worker (which writes autosaves) and
// the page (which lists, resumes and deletes). Summaries live apart from the
// archives so the list never reads megabytes of weights; the user's marks
// (Keep, set aside) live apart from both, so a save never overwrites them.
const summaries = createStore('ganvas-runs', 'summaries');
const archives = createStore('ganvas-run-archives', 'archives');
const marks = createStore('ganvas-run-marks', 'marks');
const settings = createStore('ganvas-run-settings', 'settings');

interface RunMark {
  pinned?: boolean;
  setAside?: SetAside | null;
}

/** A saved run as the runs list shows it: marked Keep or not, set aside (waiting for export or dismissal) or listed. */
export interface SavedRun extends RunSummary {
  pinned: boolean;
  setAside: SetAside | null;
}

/**
 * Archive first, then summary: a listed run always has its archive. Runs
 * beyond the keep count are set aside, not deleted: the page names them and
 * deletes one only when its notice is dismissed.
 */
export async function saveRun(summary: RunSummary, bytes: Uint8Array): Promise<void> {
  await set(summary.runId, bytes, archives);
  await set(summary.runId, summary, summaries);
  if ((await get<RunMark>(summary.runId, marks))?.setAside) await mark(summary.runId, { setAside: null });
  await enforceKeep(summary.runId);
}

/** Sets aside the runs beyond the keep count (never one marked Keep, never `current`). */
export async function enforceKeep(current?: string): Promise<void> {
  const ids = overKeep(await listRuns(), await getKeep(), current);
  const at = new Date().toISOString();
  for (const id of ids) await mark(id, { setAside: { at, reason: 'keep' } });
}

/** Storage is full: sets aside the oldest run not marked Keep, so the user can export it and free its space; null if there is none. */
export async function setAsideForSpace(current: string): Promise<string | null> {
  const id = roomFrom(await listRuns(), current);
  if (id) await mark(id, { setAside: { at: new Date().toISOString(), reason: 'space' } });
  return id;
}

/** Every stored run, newest first, with its marks. */
export async function listRuns(): Promise<SavedRun[]> {
  const [all, m] = await Promise.all([values<RunSummary>(summaries), entries<string, RunMark>(marks)]);
  const byId = new Map(m);
  return all
    .map((s) => ({ ...s, pinned: byId.get(s.runId)?.pinned ?? false, setAside: byId.get(s.runId)?.setAside ?? null }))
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

function mark(runId: string, patch: RunMark): Promise<void> {
  return update<RunMark>(runId, (old) => ({ ...old, ...patch }), marks);
}

/** Keep (pin) a run: eviction never touches it; pinning a set-aside run puts it back in the list. */
export function setPinned(runId: string, pinned: boolean): Promise<void> {
  return mark(runId, pinned ? { pinned, setAside: null } : { pinned });
}

export async function getKeep(): Promise<number> {
  return (await get<number>('keep', settings)) ?? KEEP_DEFAULT;
}

/** A new keep count applies at once, by the same rules as a save. */
export async function setKeep(n: number, current?: string): Promise<void> {
  await set('keep', n, settings);
  await enforceKeep(current);
}

export async function loadRunBytes(runId: string): Promise<ArrayBuffer> {
  const bytes = await get<Uint8Array>(runId, archives);
  if (!bytes) throw new Error('this saved run is gone from the browser storage');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export async function deleteRun(runId: string): Promise<void> {
  await del(runId, summaries);
  await del(runId, archives);
  await del(runId, marks);
}

/** After a failed save: an archive written without its summary is no run, only lost space. */
export async function dropUnlisted(runId: string): Promise<void> {
  if (!(await get(runId, summaries))) await del(runId, archives);
}

/** What this site uses of the browser's storage, where the browser says. */
export async function storageUse(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}
