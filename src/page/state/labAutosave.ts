import { createStore, del, get, set } from 'idb-keyval';

// The 2D lab's last run in IndexedDB, as the same bytes Save run downloads: the lab worker's
// autosave clock sends them (engine/lab2d/record.ts), and a reopened page offers to resume it.
// One run only: the lab's runs are seconds to minutes of training.
const store = createStore('ganvas-lab', 'autosave');
const KEY = 'last';

export interface LabAutosave {
  bytes: Uint8Array;
  step: number;
  savedAt: string;
}

/** Whether it was stored (false where the browser blocks storage). */
export async function storeLabAutosave(bytes: Uint8Array, step: number): Promise<boolean> {
  try {
    await set(KEY, { bytes, step, savedAt: new Date().toISOString() } satisfies LabAutosave, store);
    return true;
  } catch {
    return false;
  }
}

export async function readLabAutosave(): Promise<LabAutosave | null> {
  try {
    const saved = await get<LabAutosave>(KEY, store);
    return saved && saved.bytes instanceof Uint8Array && Number.isInteger(saved.step) ? saved : null;
  } catch {
    return null;
  }
}

export async function dropLabAutosave(): Promise<void> {
  try {
    await del(KEY, store);
  } catch {
    // nothing stored, nothing to drop
  }
}
