import { DATASET_LABELS } from '../../../shared/names/datasetNames';
import { BATCH_MAX, BATCH_MIN, D_STEPS_MAX, defaultConfig, defaultDSteps, INSTANCE_NOISE_MAX, LOSSES, SMOOTHING_MAX, validateConfig, validateLive } from '../../../shared/hyperparams';
import { MODEL_LABELS } from '../../../shared/names/modelNames';
import { PRESETS, type PresetId } from '../../../shared/presets';
import type { DatasetName, LiveHyperparams, LossKind, ModelKind, RunConfig } from '../../../shared/protocol';
import { useApp } from '../../state/store';
import { trainer } from '../../bridge/workerClient';
import { HyperparamField } from './HyperparamField';

const MODEL_HINT: Record<ModelKind, string> = {
  mlp: 'Dense 128 on each side: fast everywhere, digits in minutes on a CPU.',
  dcgan: 'Transposed convs (DCGAN-28): sharper digits, wants a real GPU.',
  'dcgan-seed': 'Upsample + conv G, dropout D (the Keras DCGAN): heaviest.',
};

const LOSS_HINT: Record<LossKind, string> = {
  bce: 'The original GAN loss on logits, non-saturating for G.',
  lsgan: 'Least squares on D’s raw output (Mao et al.): gentler gradients for far-off fakes.',
  hinge: 'Hinge margins at ±1 for D, −D(G(z)) for G (as in SAGAN/BigGAN).',
  'wgan-gp':
    'Wasserstein critic with a gradient penalty (λ 10), 5 critic steps per G step by default. The critic has no BatchNorm (Gulrajani et al.): the penalty is per sample, and batch statistics would mix the batch.',
};

function liveError(key: keyof LiveHyperparams) {
  return (v: number) => validateLive({ [key]: v })[key];
}

/** Model choice, run controls and the knobs. */
export function ControlPanel() {
  const status = useApp((s) => s.status);
  const config = useApp((s) => s.config);
  const live = useApp((s) => s.live);
  const { model, dataset, seed, batchSize, loss, conditional, instanceNoise, preset } = useApp((s) => s.draft);
  const ownCount = useApp((s) => s.ownImages?.count ?? 0);
  const setDraft = useApp((s) => s.setDraft);

  const ready = config !== null && status !== 'loading';
  const running = status === 'running';

  const reset = (next: Partial<RunConfig> = {}) => {
    if (!config) return;
    // Read the draft fresh: a field's blur commit may have landed in this same event.
    const d = useApp.getState().draft;
    const m = next.model ?? d.model;
    const lossNow = next.loss ?? d.loss;
    const knobs = m === config.model && live ? live : defaultConfig(m);
    const dSteps = lossNow === config.loss && live ? live.dSteps : defaultDSteps(lossNow);
    const chosen = { ...knobs, dSteps, loss: lossNow, conditional: d.conditional && m !== 'dcgan-seed' && (next.dataset ?? d.dataset) !== 'custom', instanceNoise: d.instanceNoise };
    const settings = d.preset ? PRESETS[d.preset].settings : chosen;
    const c: RunConfig = { ...defaultConfig(m), ...settings, dataset: d.dataset, seed: d.seed, batchSize: d.batchSize, backend: config.backend, readEvery: config.readEvery, ...next, model: m };
    if (Object.keys(validateConfig(c)).length) return;
    useApp.setState({ status: 'loading', progress: 'Rebuilding the networks…' });
    trainer.send({ type: 'reset', config: c });
  };

  // A value set by hand replaces the preset's on the next Reset.
  const setLive = (params: Partial<LiveHyperparams>) => {
    setDraft({ preset: null });
    trainer.send({ type: 'setHyperparams', params });
  };

  const pickPreset = (id: PresetId | '') => {
    if (!id) return setDraft({ preset: null });
    const { model: m, loss: l, conditional: c, instanceNoise: n } = PRESETS[id].settings;
    setDraft({ preset: id, model: m, loss: l, conditional: c, instanceNoise: n });
  };

  return (
    <section className="control-panel" aria-label="Controls">
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select id="preset" value={preset ?? ''} disabled={!ready} onChange={(e) => pickPreset(e.target.value as PresetId | '')}>
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

      <div className="field">
        <label htmlFor="model">Model</label>
        <select
          id="model"
          value={model}
          disabled={!ready}
          onChange={(e) => {
            const m = e.target.value as ModelKind;
            setDraft({ model: m, preset: null });
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
          <HyperparamField
            label="D steps per G step"
            name="dSteps"
            value={live.dSteps}
            validate={liveError('dSteps')}
            onCommit={(v) => setLive({ dSteps: v })}
            hint={`1–${D_STEPS_MAX}; one chart step is all of them plus one G step`}
          />
          <HyperparamField
            label="Label smoothing"
            name="labelSmoothing"
            value={live.labelSmoothing}
            validate={liveError('labelSmoothing')}
            onCommit={(v) => setLive({ labelSmoothing: v })}
            hint={config?.loss === 'wgan-gp' ? 'not used by WGAN-GP (a critic has no target)' : `0–${SMOOTHING_MAX}; the real target becomes 1 − this`}
          />
        </>
      )}

      <h3>On reset</h3>
      <div className="field">
        <label htmlFor="loss">Loss</label>
        <select id="loss" value={loss} disabled={!ready} onChange={(e) => setDraft({ loss: e.target.value as LossKind, preset: null })}>
          {(Object.keys(LOSSES) as LossKind[]).map((l) => (
            <option key={l} value={l}>
              {LOSSES[l]}
            </option>
          ))}
        </select>
        <span className="field-hint">{LOSS_HINT[loss]}</span>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            name="conditional"
            checked={conditional && model !== 'dcgan-seed' && dataset !== 'custom'}
            disabled={!ready || model === 'dcgan-seed' || dataset === 'custom'}
            aria-describedby="conditional-hint"
            onChange={(e) => setDraft({ conditional: e.target.checked, preset: null })}
          />
          Conditional (one row per digit)
        </label>
        <span className="field-hint" id="conditional-hint">
          {model === 'dcgan-seed'
            ? 'Not for DCGAN (seed): pick MLP or DCGAN to condition on the digit.'
            : dataset === 'custom'
              ? 'Your own images have no classes to condition on.'
              : 'G gets the class as a one-hot after the noise; D beside the image.'}
        </span>
      </div>
      <HyperparamField
        label="Instance noise (std)"
        name="instanceNoise"
        value={instanceNoise}
        validate={(v) => validateConfig({ ...defaultConfig(model), instanceNoise: v }).instanceNoise}
        onCommit={(v) => setDraft({ instanceNoise: v, preset: null })}
        hint={`0–${INSTANCE_NOISE_MAX}, added to every image D sees, real and fake`}
      />
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
