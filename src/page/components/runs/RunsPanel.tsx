import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { runLabel } from '../../../shared/tasks';
import { pytorchRecipe, RECIPE_FILE_NAME } from '../../../shared/recipe/recipe';
import { saveBlob } from '../../lib/downloads';
import { deleteRun, setKeep, setPinned } from '../../../shared/formats/runStore';
import { keepProblem } from '../../../shared/formats/runKeep';
import { useApp } from '../../state/store';
import { megabytes, timeAgo } from '../../lib/timeAgo';
import { exportGenerator, exportRun, setAutosave } from '../../actions/run';
import { GridCanvas } from '../samples/GridCanvas';
import { HyperparamField } from '../controls/HyperparamField';
import { SetAsideRuns } from './SetAsideRuns';
import { AUTOSAVE_MAX_SECONDS } from '../../../shared/settings';
import { importRun, openGenerator, resumeRun } from '../../actions/trainingWorker';
import { messageOf } from '../../../shared/errors';
import { notify } from '../../state/noticesStore';
import { refreshRuns, useSavedRuns } from '../../state/savedRunsStore';

/** Re-renders every few seconds so "2 minutes ago" stays true. */
function useClock(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** A button that opens a file picker and hands the chosen file on. */
function FileButton({ label, accept, onFile, disabled }: { label: string; accept: string; onFile(f: File): void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again still fires
    if (file) onFile(file);
  };
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input ref={input} type="file" accept={accept} hidden aria-label={label} onChange={picked} />
    </>
  );
}

/** The PyTorch script for this run's model and current settings; built here, it needs nothing from the worker. */
function exportRecipe(): void {
  const { config, live, step } = useApp.getState();
  if (!config || !live) return;
  let text: string;
  try {
    text = pytorchRecipe({ config, live, step });
  } catch (e) {
    return notify('error', messageOf(e));
  }
  saveBlob(new Blob([text], { type: 'text/x-python' }), RECIPE_FILE_NAME);
}

/** Autosave, the saved runs, and every file in and out: run, generator. */
export function RunsPanel() {
  const saved = useSavedRuns((s) => s.runs);
  const keep = useSavedRuns((s) => s.keep);
  const runId = useApp((s) => s.runId);
  const storage = useSavedRuns((s) => s.storage);
  const lastSave = useApp((s) => s.lastSave);
  const autosaveSeconds = useApp((s) => s.autosaveSeconds);
  const ready = useApp((s) => s.config !== null && s.status !== 'loading');
  const now = useClock(5000);

  const runs = saved.filter((r) => !r.setAside);
  const refresh = async (done: Promise<void>) => {
    await done;
    await refreshRuns();
  };

  return (
    <section className="runs" aria-label="Runs">
      <h2>Runs</h2>
      <HyperparamField
        label="Autosave every (seconds)"
        name="autosave"
        value={autosaveSeconds}
        validate={(v) => (Number.isInteger(v) && v >= 0 && v <= AUTOSAVE_MAX_SECONDS ? undefined : `a whole number from 0 (off) to ${AUTOSAVE_MAX_SECONDS}`)}
        onCommit={setAutosave}
        hint="0 turns it off; a run is also saved on pause"
      />
      <HyperparamField
        label="Runs to keep"
        name="keepRuns"
        value={keep}
        validate={keepProblem}
        onCommit={(n) => void refresh(setKeep(n, runId ?? undefined))}
        hint="beyond this, the oldest run not marked Keep is set aside for you to export or dismiss"
      />
      <SetAsideRuns runs={saved.filter((r) => r.setAside)} />
      <p className="muted small" data-testid="last-save">
        {lastSave
          ? `Saved step ${lastSave.step.toLocaleString()} ${timeAgo(lastSave.savedAt, now)}: ${megabytes(lastSave.bytes)}, training waited ${lastSave.ms.toFixed(0)} ms`
          : autosaveSeconds === 0
            ? 'Autosave is off.'
            : 'Not saved yet: the first save comes after training starts.'}
      </p>
      {runs.length ? (
        <ul className="run-list">
          {runs.map((r) => (
            <li key={r.runId} data-run={r.runId}>
              <GridCanvas grid={r.grid} scale={0.25} role="img" aria-label={`Samples of the run at step ${r.step}`} />
              <span className="run-info">
                {runLabel(r)} · step {r.step.toLocaleString()}
                {r.runId === runId ? <strong> (this run)</strong> : null}
                <br />
                <span className="muted">
                  {timeAgo(r.savedAt, now)} · {megabytes(r.bytes)}
                </span>
              </span>
              <span className="run-actions">
                <button
                  type="button"
                  aria-pressed={r.pinned}
                  aria-label={`Keep the run at step ${r.step}`}
                  title="A run marked Keep is never set aside or deleted for you"
                  onClick={() => void refresh(setPinned(r.runId, !r.pinned))}
                >
                  {r.pinned ? 'Kept' : 'Keep'}
                </button>
                <button type="button" disabled={!ready || r.runId === runId} onClick={() => void resumeRun(r.runId)}>
                  Resume
                </button>
                <button type="button" aria-label={`Delete the run at step ${r.step}`} onClick={() => void refresh(deleteRun(r.runId))}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No saved runs yet.</p>
      )}
      <p className="muted small" data-testid="storage">
        {storage ? `Storage used: ${megabytes(storage.usage)} of ${megabytes(storage.quota)}` : 'The browser does not report storage use.'}
      </p>
      <h3>Files</h3>
      <div className="file-buttons">
        <button type="button" disabled={!ready} onClick={exportRun}>
          Export run (.ganvas.zip)
        </button>
        <FileButton label="Import run…" accept=".zip,application/zip" disabled={!ready} onFile={(f) => void importRun(f)} />
        <button type="button" disabled={!ready} data-action="download-generator" onClick={exportGenerator}>
          Download generator (.zip)
        </button>
        <FileButton label="Open generator…" accept=".zip,application/zip" disabled={!ready} onFile={(f) => void openGenerator(f)} />
        <button
          type="button"
          disabled={!ready}
          onClick={exportRecipe}
          title="A PyTorch script with this run's model and settings, for one machine or many (torchrun)"
        >
          Export PyTorch recipe
        </button>
      </div>
    </section>
  );
}
