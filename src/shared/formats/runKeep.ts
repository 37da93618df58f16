// Which saved runs a save or a lower keep count sets aside. Pure, so unit
// tests can pin the order down; runStore.ts applies it to IndexedDB.

export const KEEP_DEFAULT = 6;
export const KEEP_MIN = 1;
export const KEEP_MAX = 50;

/** Why a run left the list: beyond the keep count, or to make room when storage is full. */
export interface SetAside {
  at: string;
  reason: 'keep' | 'space';
}

export interface KeptRun {
  runId: string;
  savedAt: string;
  pinned: boolean;
  setAside: SetAside | null;
}

export function keepProblem(n: number): string | undefined {
  return Number.isInteger(n) && n >= KEEP_MIN && n <= KEEP_MAX ? undefined : `a whole number from ${KEEP_MIN} to ${KEEP_MAX}`;
}

/** Listed runs not marked Keep, newest first: the ones the keep count applies to. */
function unpinned(runs: readonly KeptRun[]): KeptRun[] {
  return runs.filter((r) => !r.pinned && !r.setAside).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * The runs to set aside so the list holds `keep`: those not marked Keep,
 * oldest first. Runs marked Keep count but are never chosen (so the list may
 * hold more when most are marked); `current`, the run being saved, neither.
 */
export function overKeep(runs: readonly KeptRun[], keep: number, current?: string): string[] {
  const fixed = runs.filter((r) => !r.setAside && (r.pinned || r.runId === current)).length;
  const others = unpinned(runs).filter((r) => r.runId !== current);
  return others.slice(Math.max(0, keep - fixed)).map((r) => r.runId);
}

/**
 * The run to offer for deletion when storage is full: the oldest listed one
 * not marked Keep, never `current`; none while one offered for space waits
 * (a failing autosave must not set aside one run per attempt).
 */
export function roomFrom(runs: readonly KeptRun[], current: string): string | null {
  if (runs.some((r) => r.setAside?.reason === 'space')) return null;
  return (
    unpinned(runs)
      .filter((r) => r.runId !== current)
      .at(-1)?.runId ?? null
  );
}
