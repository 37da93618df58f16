import { PRESETS, type PresetId } from '../../../shared/presets';
import type { LiveHyperparams, RunConfig } from '../../../shared/protocol';
import { useApp } from '../../state/store';
import { configForReset, pickPreset } from '../../state/draft';
import { trainer } from '../../bridge/workerBridge';
import { LiveFields } from './LiveFields';
import { ModelDataFields } from './ModelDataFields';
import { ResetFields } from './ResetFields';
import { TaskFields } from './TaskFields';

/** Rebuilds the networks from the draft (read fresh: a field's blur commit may have landed in this same event). */
function reset(next: Partial<RunConfig> = {}): void {
  const { config, live, draft } = useApp.getState();
  if (!config) return;
  const c = configForReset(draft, config, live, next);
  if (!c) return;
  useApp.setState({ status: 'loading', progress: 'Rebuilding the networks…' });
  trainer.send({ type: 'reset', config: c });
}

/** Model choice, run controls and the knobs. */
export function ControlPanel() {
  const status = useApp((s) => s.status);
  const config = useApp((s) => s.config);
  const setDraft = useApp((s) => s.setDraft);
  const ready = config !== null && status !== 'loading';
  const generates = useApp((s) => s.draft.task === 'generate');

  // A value set by hand replaces the preset's on the next Reset.
  const setLive = (params: Partial<LiveHyperparams>) => {
    setDraft({ preset: null });
    trainer.send({ type: 'setHyperparams', params });
  };

  return (
    <section className="control-panel" aria-label="Controls">
      <TaskFields ready={ready} reset={reset} />
      {generates && <PresetField ready={ready} />}
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
      <button type="button" className="primary" disabled={!ready} onClick={() => trainer.send({ type: running ? 'pause' : 'start' })}>
        {running ? 'Pause' : 'Train'}
      </button>
      <button type="button" disabled={!ready || running} onClick={() => trainer.send({ type: 'step', n: 1 })}>
        Step
      </button>
      <button type="button" disabled={!ready} onClick={() => reset()}>
        Reset
      </button>
    </div>
  );
}
