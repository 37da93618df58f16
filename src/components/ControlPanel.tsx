import { BATCH_MAX, BATCH_MIN, defaultConfig, validateConfig, validateLive } from '../engine/hyperparams';
import { DATASET_LABELS } from '../engine/datasetNames';
import { MODEL_LABELS } from '../engine/modelNames';
import type { DatasetName, LiveHyperparams, ModelKind, RunConfig } from '../protocol';
import { useApp } from '../store';
import { trainer } from '../worker/client';
import { HyperparamField } from './HyperparamField';

const MODEL_HINT: Record<ModelKind, string> = {
  mlp: 'Dense 128 on each side: fast everywhere, digits in minutes on a CPU.',
  dcgan: 'Transposed convs (DCGAN-28): sharper digits, wants a real GPU.',
  'dcgan-seed': 'Upsample + conv G, dropout D (the Keras DCGAN): heaviest.',
};

function liveError(key: keyof LiveHyperparams) {
  return (v: number) => validateLive({ [key]: v })[key];
}

/** Model choice, run controls and the knobs. */
export function ControlPanel() {
  const status = useApp((s) => s.status);
  const config = useApp((s) => s.config);
  const live = useApp((s) => s.live);
  const { model, dataset, seed, batchSize } = useApp((s) => s.draft);
  const ownCount = useApp((s) => s.ownImages?.count ?? 0);
  const setDraft = useApp((s) => s.setDraft);

  const ready = config !== null && status !== 'loading';
  const running = status === 'running';

  const reset = (next: Partial<RunConfig> = {}) => {
    if (!config) return;
    // Read the draft fresh: a field's blur commit may have landed in this same event.
    const { model: drafted, dataset, seed, batchSize } = useApp.getState().draft;
    const m = next.model ?? drafted;
    const knobs = m === config.model && live ? live : defaultConfig(m);
    const c: RunConfig = { ...defaultConfig(m), ...knobs, dataset, seed, batchSize, backend: config.backend, readEvery: config.readEvery, ...next, model: m };
    if (Object.keys(validateConfig(c)).length) return;
    useApp.setState({ status: 'loading', progress: 'Rebuilding the networks…' });
    trainer.send({ type: 'reset', config: c });
  };

  const setLive = (params: Partial<LiveHyperparams>) => trainer.send({ type: 'setHyperparams', params });

  return (
    <section className="control-panel" aria-label="Controls">
      <div className="field">
        <label htmlFor="model">Model</label>
        <select
          id="model"
          value={model}
          disabled={!ready}
          onChange={(e) => {
            const m = e.target.value as ModelKind;
            setDraft({ model: m });
            reset({ model: m });
          }}
        >
          {(Object.keys(MODEL_LABELS) as ModelKind[]).map((m) => (
            <option key={m} value={m}>
              {MODEL_LABELS[m]}
            </option>
          ))}
        </select>
        <span className="field-hint">{MODEL_HINT[model]}</span>
      </div>

      <div className="field">
        <label htmlFor="dataset">Data</label>
        <select
          id="dataset"
          value={dataset}
          disabled={!ready}
          onChange={(e) => {
            const d = e.target.value as DatasetName;
            setDraft({ dataset: d });
            reset({ dataset: d });
          }}
        >
          {(Object.keys(DATASET_LABELS) as DatasetName[]).map((d) => (
            <option key={d} value={d} disabled={d === 'custom' && !ownCount}>
              {d === 'custom' && ownCount ? `${DATASET_LABELS[d]} (${ownCount.toLocaleString()})` : DATASET_LABELS[d]}
            </option>
          ))}
        </select>
        {!ownCount && <span className="field-hint">Or drop your own images under “Your images”.</span>}
      </div>

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

      <h3>Live (apply at the next step)</h3>
      {live && (
        <>
          <HyperparamField label="Generator LR" name="gLearningRate" value={live.gLearningRate} validate={liveError('gLearningRate')} onCommit={(v) => setLive({ gLearningRate: v })} />
          <HyperparamField label="Discriminator LR" name="dLearningRate" value={live.dLearningRate} validate={liveError('dLearningRate')} onCommit={(v) => setLive({ dLearningRate: v })} />
          <HyperparamField label="Adam β1" name="beta1" value={live.beta1} validate={liveError('beta1')} onCommit={(v) => setLive({ beta1: v })} />
        </>
      )}

      <h3>On reset</h3>
      <HyperparamField label="Seed" name="seed" value={seed} validate={(v) => validateConfig({ ...defaultConfig(model), seed: v }).seed} onCommit={(v) => setDraft({ seed: v })} />
      <HyperparamField
        label="Batch size"
        name="batchSize"
        value={batchSize}
        validate={(v) => validateConfig({ ...defaultConfig(model), batchSize: v }).batchSize}
        onCommit={(v) => setDraft({ batchSize: v })}
        hint={`${BATCH_MIN}–${BATCH_MAX}, takes effect on Reset`}
      />
    </section>
  );
}
