import { LAB2D_PRESETS } from '../../../shared/lab2dPresets';
import type { Lab2dLayers } from '../../../shared/lab2dProtocol';
import { LAB2D_LAYERS } from '../../../shared/lab2dSettings';
import { MIN_DRAWN_POINTS } from '../../../shared/lab2dData';
import { useRef } from 'react';
import { useLab } from '../../state/lab2dStore';
import { applyPreset, openLabRunFile, resetLab as reset, saveLabRunFile, setLayer, setRunning, setSideBySide, stepLab as step } from '../../actions/lab';
import { LAB_RUN_SUFFIX } from '../../../shared/formats/labRun';
import { Lab2dField, Lab2dSetupFields } from './Lab2dFields';

/** Run buttons: Train/Pause, Step, Step phase, Step D only, Step G only, Reset. */
function RunButtons() {
  const running = useLab((s) => s.running);
  return (
    <div className="lab-buttons">
      <button type="button" className="primary" onClick={() => setRunning(!running)}>
        {running ? 'Pause' : 'Train'}
      </button>
      <button type="button" onClick={() => step('both')}>
        Step
      </button>
      <button type="button" onClick={() => step('phase')} title="The next of a step's six phases: sample, generate, discriminate, update D, push, update G">
        Step phase
      </button>
      <button type="button" onClick={() => step('d')}>
        Step D only
      </button>
      <button type="button" onClick={() => step('g')}>
        Step G only
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
    </div>
  );
}

/** Save run / Open run: the whole lab (setups, weights, optimizers, streams, charts) as one file. */
function RunFileButtons() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="lab-buttons">
      <button type="button" onClick={() => saveLabRunFile()} title="Download this run: the setups, the trained networks, their optimizers and the charts">
        Save run
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Open run…
      </button>
      <input
        ref={input}
        type="file"
        accept={`${LAB_RUN_SUFFIX},.zip,application/zip`}
        hidden
        aria-label="Open a saved 2D lab run"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openLabRunFile(file);
        }}
      />
    </div>
  );
}

function Drawing() {
  const n = useLab((s) => s.drawn.length / 2);
  const { undoStroke, clearDrawing } = useLab.getState();
  return (
    <div className="lab-drawing">
      <p className="field-hint">
        Click and drag on the canvas to paint points ({n} so far, at least {MIN_DRAWN_POINTS}), then Reset to train on them.
      </p>
      <button type="button" onClick={undoStroke} disabled={!n}>
        Undo
      </button>
      <button type="button" onClick={clearDrawing} disabled={!n}>
        Clear
      </button>
    </div>
  );
}

function Presets() {
  const preset = useLab((s) => s.preset);
  const chosen = LAB2D_PRESETS.find((p) => p.name === preset);
  return (
    <div className="field">
      <label htmlFor="lab-preset">Preset</label>
      <select
        id="lab-preset"
        value={preset ?? ''}
        onChange={(e) => {
          const p = LAB2D_PRESETS.find((q) => q.name === e.target.value);
          if (p) applyPreset(p);
        }}
      >
        <option value="">(your own settings)</option>
        {LAB2D_PRESETS.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      {chosen && <span className="field-hint preset-watch">{chosen.watch}</span>}
    </div>
  );
}

/** The 2D lab's knobs: presets, data, run buttons, layers, setup A and (side by side) B. */
export function Lab2dPanel() {
  const layers = useLab((s) => s.layers);
  const custom = useLab((s) => s.configs[0].data === 'custom');
  const side = useLab((s) => s.configs[1] !== null);
  return (
    <section className="control-panel lab-panel" aria-label="2D lab controls">
      <RunButtons />
      <RunFileButtons />
      <Presets />
      <Lab2dField index={0} k="data" />
      {custom && <Drawing />}
      <Lab2dField index={0} k="seed" />
      <fieldset className="lab-layers">
        <legend>Layers</legend>
        {(Object.keys(LAB2D_LAYERS) as (keyof Lab2dLayers)[]).map((k) => (
          <label key={k} className="checkbox">
            <input type="checkbox" name={`layer-${k}`} checked={layers[k]} onChange={(e) => setLayer(k, e.target.checked)} /> {LAB2D_LAYERS[k].label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="side" checked={side} onChange={(e) => setSideBySide(e.target.checked)} /> Side by side (a second setup, B)
      </label>
      <details open>
        <summary>Setup{side ? ' A' : ''}</summary>
        <Lab2dSetupFields index={0} />
      </details>
      {side && (
        <details open>
          <summary>Setup B</summary>
          <Lab2dSetupFields index={1} />
        </details>
      )}
    </section>
  );
}
