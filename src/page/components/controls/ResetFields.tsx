import { defaultConfig, validateConfig } from '../../../shared/hyperparams';
import type { LossKind } from '../../../shared/protocol';
import { LOSSES, SETTINGS } from '../../../shared/settings';
import { useApp } from '../../state/store';
import { HyperparamField } from './HyperparamField';

const LOSS_HINT: Record<LossKind, string> = {
  bce: 'The original GAN loss on logits, non-saturating for G.',
  lsgan: 'Least squares on D’s raw output (Mao et al.): gentler gradients for far-off fakes.',
  hinge: 'Hinge margins at ±1 for D, −D(G(z)) for G (as in SAGAN/BigGAN).',
  'wgan-gp':
    'Wasserstein critic with a gradient penalty (λ 10), 5 critic steps per G step by default. The critic has no BatchNorm (Gulrajani et al.): the penalty is per sample, and batch statistics would mix the batch.',
};

type NumberKey = 'instanceNoise' | 'seed' | 'batchSize';
/** Seed and batch size stay the user's when a preset applies; the others are set by hand. */
const NUMBER_FIELDS: { key: NumberKey; leavesPreset: boolean }[] = [
  { key: 'instanceNoise', leavesPreset: true },
  { key: 'seed', leavesPreset: false },
  { key: 'batchSize', leavesPreset: false },
];

/** Settings that apply on the next Reset: they edit the draft. */
export function ResetFields({ ready }: { ready: boolean }) {
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  const { model, dataset, loss, conditional, task } = draft;
  const noClasses = model === 'dcgan-seed' || dataset === 'custom';
  if (task !== 'generate') return <NumberFields fields={NUMBER_FIELDS.filter((f) => f.key !== 'instanceNoise')} />;
  return (
    <>
      <div className="field">
        <label htmlFor="loss">{SETTINGS.loss.label}</label>
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
            checked={conditional && !noClasses}
            disabled={!ready || noClasses}
            aria-describedby="conditional-hint"
            onChange={(e) => setDraft({ conditional: e.target.checked, preset: null })}
          />
          {SETTINGS.conditional.label}
        </label>
        <span className="field-hint" id="conditional-hint">
          {model === 'dcgan-seed'
            ? 'Not for DCGAN (seed): pick MLP or DCGAN to condition on the digit.'
            : dataset === 'custom'
              ? 'Your own images have no classes to condition on.'
              : 'G gets the class as a one-hot after the noise; D beside the image.'}
        </span>
      </div>
      <NumberFields fields={NUMBER_FIELDS} />
    </>
  );
}

function NumberFields({ fields }: { fields: typeof NUMBER_FIELDS }) {
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  return (
    <>
      {fields.map(({ key, leavesPreset }) => (
        <HyperparamField
          key={key}
          label={SETTINGS[key].label}
          name={key}
          value={draft[key]}
          validate={(v) => validateConfig({ ...defaultConfig(draft.model), [key]: v })[key]}
          onCommit={(v) => setDraft(leavesPreset ? { [key]: v, preset: null } : { [key]: v })}
          hint={SETTINGS[key].hint}
        />
      ))}
    </>
  );
}
