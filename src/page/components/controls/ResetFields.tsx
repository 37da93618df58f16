import { CONDITIONAL_HINT, whyNoClasses } from '../../../shared/conditional';
import { defaultConfig, validateConfig } from '../../../shared/hyperparams';
import type { LossKind } from '../../../shared/protocol';
import { SETTINGS } from '../../../shared/settings';
import { taskShows } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { SettingField } from './SettingField';

const NUMBER_KEYS = ['instanceNoise', 'seed', 'batchSize'] as const;

/** Settings that apply on the next Reset: they edit the draft. Which ones show is the task's spec's say (seed and batch size always). */
export function ResetFields({ ready }: { ready: boolean }) {
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  const shows = (key: keyof typeof draft) => key !== 'preset' && taskShows(draft.task, key);
  const noClasses = whyNoClasses(draft);
  return (
    <>
      {shows('loss') && (
        <SettingField
          setting={SETTINGS.loss}
          name="loss"
          value={draft.loss}
          disabled={!ready}
          onChange={(v) => setDraft({ loss: v as LossKind, preset: null })}
        />
      )}
      {shows('conditional') && (
        <SettingField
          setting={SETTINGS.conditional}
          name="conditional"
          value={draft.conditional && !noClasses}
          disabled={!ready || noClasses !== undefined}
          hint={noClasses?.hint ?? CONDITIONAL_HINT}
          onChange={(v) => setDraft({ conditional: v as boolean, preset: null })}
        />
      )}
      {NUMBER_KEYS.filter(shows).map((key) => (
        <SettingField
          key={key}
          setting={SETTINGS[key]}
          name={key}
          value={draft[key]}
          validate={(v) => validateConfig({ ...defaultConfig(draft.model), [key]: v })[key]}
          // A setting a preset fills in, set by hand, leaves the preset; seed and batch size stay the user's under any preset.
          onChange={(v) => setDraft(SETTINGS[key].preset ? { [key]: v, preset: null } : { [key]: v })}
        />
      ))}
    </>
  );
}
