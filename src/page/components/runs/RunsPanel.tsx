import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { AUTOSAVE_MAX_SECONDS } from '../../../shared/settings';
import { MODEL_LABELS } from '../../../shared/names/modelNames';
import { pytorchRecipe, RECIPE_FILE_NAME } from '../../../shared/recipe/recipe';
import { saveBlob } from '../../lib/downloads';
import { deleteRun } from '../../../shared/formats/runStore';
import { useApp } from '../../state/store';
import { megabytes, timeAgo } from '../../lib/timeAgo';
import { trainer } from '../../bridge/workerBridge';
import { importRun, openGenerator, resumeRun } from '../../state/training';
import { GridCanvas } from '../samples/GridCanvas';
import { HyperparamField } from '../controls/HyperparamField';
import { messageOf } from '../../../shared/errors';

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
    return useApp.getState().notify('error', messageOf(e));
  }
  saveBlob(new Blob([text], { type: 'text/x-python' }), RECIPE_FILE_NAME);
}

function setAutosave(seconds: number): void {
  useApp.setState({ autosaveSeconds: seconds });
  localStorage.setItem('ganvas.autosaveSeconds', String(seconds));
  trainer.send({ type: 'setAutosave', seconds });
}

/** Autosave, the saved runs, and every file in and out: run, generator. */
export function RunsPanel() {
  const runs = useApp((s) => s.runs);
  const runId = useApp((s) => s.runId);
  const storage = useApp((s) => s.storage);
  const lastSave = useApp((s) => s.lastSave);
  const autosaveSeconds = useApp((s) => s.autosaveSeconds);
  const ready = useApp((s) => s.config !== null && s.status !== 'loading');
  const now = useClock(5000);

  const remove = async (id: string) => {
    await deleteRun(id);
    await useApp.getState().refreshRuns();
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
                {MODEL_LABELS[r.model]} · step {r.step.toLocaleString()}
                {r.runId === runId ? <strong> (this run)</strong> : null}
                <br />
                <span className="muted">
                  {timeAgo(r.savedAt, now)} · {megabytes(r.bytes)}
                </span>
              </span>
              <span className="run-actions">
                <button type="button" disabled={!ready || r.runId === runId} onClick={() => void resumeRun(r.runId)}>
                  Resume
                </button>
                <button type="button" aria-label={`Delete the run at step ${r.step}`} onClick={() => void remove(r.runId)}>
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
        <button type="button" disabled={!ready} onClick={() => trainer.send({ type: 'exportRun' })}>
          Export run (.ganvas.zip)
        </button>
        <FileButton label="Import run…" accept=".zip,application/zip" disabled={!ready} onFile={(f) => void importRun(f)} />
        <button type="button" disabled={!ready} data-action="download-generator" onClick={() => trainer.send({ type: 'exportGenerator' })}>
          Download generator (.zip)
        </button>
        <FileButton label="Open generator…" accept=".zip,application/zip" disabled={!ready} onFile={(f) => void openGenerator(f)} />
        <button type="button" disabled={!ready} onClick={exportRecipe} title="A PyTorch script with this run's model and settings, for one machine or many (torchrun)">
          Export PyTorch recipe
        </button>
      </div>
    </section>
  );
}
