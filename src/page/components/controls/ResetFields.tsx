import { CONDITIONAL_HINT, whyNoClasses } from '../../../shared/conditional';
import { defaultConfig, validateConfig } from '../../../shared/hyperparams';
import type { LossKind } from '../../../shared/protocol';
import { SETTINGS } from '../../../shared/settings';
import { TASK_SETTINGS } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { SettingField } from './SettingField';

type NumberKey = 'instanceNoise' | 'seed' | 'batchSize';
/** Seed and batch size stay the user's when a preset applies; the others are set by hand. */
const NUMBER_FIELDS: { key: NumberKey; leavesPreset: boolean }[] = [
  { key: 'instanceNoise', leavesPreset: true },
  { key: 'seed', leavesPreset: false },
  { key: 'batchSize', leavesPreset: false },
];

/** Settings that apply on the next Reset: they edit the draft. Which ones show is the task's spec's say (seed and batch size always). */
export function ResetFields({ ready }: { ready: boolean }) {
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  const shows = TASK_SETTINGS[draft.task];
  const noClasses = whyNoClasses(draft);
  return (
    <>
      {shows.includes('loss') && (
        <SettingField
          setting={SETTINGS.loss}
          name="loss"
          value={draft.loss}
          disabled={!ready}
          onChange={(v) => setDraft({ loss: v as LossKind, preset: null })}
        />
      )}
      {shows.includes('conditional') && (
        <SettingField
          setting={SETTINGS.conditional}
          name="conditional"
          value={draft.conditional && !noClasses}
          disabled={!ready || noClasses !== undefined}
          hint={noClasses?.hint ?? CONDITIONAL_HINT}
          onChange={(v) => setDraft({ conditional: v as boolean, preset: null })}
        />
      )}
      {NUMBER_FIELDS.filter(({ key }) => key !== 'instanceNoise' || shows.includes(key)).map(({ key, leavesPreset }) => (
        <SettingField
          key={key}
          setting={SETTINGS[key]}
          name={key}
          value={draft[key]}
          validate={(v) => validateConfig({ ...defaultConfig(draft.model), [key]: v })[key]}
          onChange={(v) => setDraft(leavesPreset ? { [key]: v, preset: null } : { [key]: v })}
        />
      ))}
    </>
  );
}
