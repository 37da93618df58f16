import { saveBlob } from '../../lib/downloads';
import { runLabel } from '../../../shared/tasks';
import { runFileName } from '../../../shared/formats/runFileName';
import { deleteRun, loadRunBytes, setPinned, type SavedRun } from '../../../shared/formats/runStore';
import { GridCanvas } from '../samples/GridCanvas';
import { notify } from '../../state/noticesStore';
import { refreshRuns, useSavedRuns } from '../../state/savedRunsStore';

const label = (r: SavedRun) => `${runLabel(r)} · step ${r.step.toLocaleString()}`;

async function exportSaved(r: SavedRun): Promise<void> {
  try {
    const bytes = await loadRunBytes(r.runId);
    saveBlob(new Blob([bytes], { type: 'application/zip' }), runFileName({ config: r, step: r.step }));
  } catch (e) {
    notify('error', `Could not export the run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function act(what: Promise<void>): Promise<void> {
  await what;
  await refreshRuns();
}

/**
 * Runs that left the list (beyond the keep count, or to make room in full
 * storage): still stored until their notice is dismissed, so they can be
 * exported or kept first. Nothing is deleted without the user seeing it.
 */
export function SetAsideRuns({ runs }: { runs: SavedRun[] }) {
  const keep = useSavedRuns((s) => s.keep);
  if (!runs.length) return null;
  return (
    <div className="set-aside">
      {runs.map((r) => (
        <div key={r.runId} className="notice notice-info" role="region" aria-label={`Run set aside: ${label(r)}`} data-run={r.runId}>
          <GridCanvas grid={r.grid} scale={0.25} role="img" aria-label={`Samples of the set-aside run at step ${r.step}`} />
          <span>
            <strong>{label(r)}</strong> ({r.dataset}) left the runs list:{' '}
            {r.setAside?.reason === 'space'
              ? "the browser's storage is full, and this is the oldest run not marked Keep."
              : `the list keeps ${keep} runs, and those marked Keep stay.`}{' '}
            It is deleted when you dismiss this.
          </span>
          <span className="run-actions">
            <button type="button" onClick={() => void exportSaved(r)}>
              Export it
            </button>
            <button type="button" onClick={() => void act(setPinned(r.runId, true))}>
              Keep it
            </button>
            <button type="button" onClick={() => void act(deleteRun(r.runId))}>
              Dismiss (delete)
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
