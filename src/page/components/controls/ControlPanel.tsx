import { PRESETS, type PresetId } from '../../../shared/presets';
import type { LiveHyperparams } from '../../../shared/protocol';
import { TASKS } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { pickPreset } from '../../state/draft';
import { pause, resetRun as reset, setLive as sendLive, stepOnce, train } from '../../actions/run';
import { LiveFields } from './LiveFields';
import { ModelDataFields } from './ModelDataFields';
import { ResetFields } from './ResetFields';
import { TaskFields } from './TaskFields';

/** Model choice, run controls and the knobs. */
export function ControlPanel() {
  const status = useApp((s) => s.status);
  const config = useApp((s) => s.config);
  const setDraft = useApp((s) => s.setDraft);
  const ready = config !== null && status !== 'loading';
  const presets = useApp((s) => TASKS[s.draft.task].fromNoise);

  // A value set by hand replaces the preset's on the next Reset.
  const setLive = (params: Partial<LiveHyperparams>) => {
    setDraft({ preset: null });
    sendLive(params);
  };

  return (
    <section className="control-panel" aria-label="Controls">
      <TaskFields ready={ready} reset={reset} />
      {presets && <PresetField ready={ready} />}
      <ModelDataFields ready={ready} reset={reset} />
      <RunButtons ready={ready} running={status === 'running'} />
      <h3>Live (apply at the next step)</h3>
      <LiveFields setLive={setLive} />
      <h3>On reset</h3>
      <ResetFields ready={ready} />
    </section>
  );
}

function PresetField({ ready }: { ready: boolean }) {
  const preset = useApp((s) => s.draft.preset);
  return (
    <div className="field">
      <label htmlFor="preset">Preset</label>
      <select
        id="preset"
        value={preset ?? ''}
        disabled={!ready}
        onChange={(e) => useApp.getState().setDraft(pickPreset(useApp.getState().draft, e.target.value as PresetId | ''))}
      >
        <option value="">Your settings</option>
        {(Object.keys(PRESETS) as PresetId[]).map((id) => (
          <option key={id} value={id}>
            {PRESETS[id].label}
          </option>
        ))}
      </select>
      <span className="field-hint" id="preset-hint">
        {preset ? `${PRESETS[preset].watch} Applies on Reset.` : 'Known settings to compare; a preset applies on Reset.'}
      </span>
    </div>
  );
}

function RunButtons({ ready, running }: { ready: boolean; running: boolean }) {
  return (
    <div className="buttons">
      <button type="button" className="primary" disabled={!ready} onClick={running ? pause : train}>
        {running ? 'Pause' : 'Train'}
      </button>
      <button type="button" disabled={!ready || running} onClick={stepOnce}>
        Step
      </button>
      <button type="button" disabled={!ready} onClick={() => reset()}>
        Reset
      </button>
    </div>
  );
}
