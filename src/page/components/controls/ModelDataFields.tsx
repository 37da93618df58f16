import type { DatasetName, ModelKind, RunConfig } from '../../../shared/protocol';
import { SETTINGS } from '../../../shared/settings';
import { dataRefusal, taskShows, TASKS } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { SettingField } from './SettingField';
import { useOwnImages } from '../../state/ownImagesStore';

/** Model and data: changing either resets at once. */
export function ModelDataFields({ ready, reset }: { ready: boolean; reset(next: Partial<RunConfig>): void }) {
  const model = useApp((s) => s.draft.model);
  const dataset = useApp((s) => s.draft.dataset);
  const task = useApp((s) => s.draft.task);
  const ownCount = useOwnImages((s) => s.ownImages?.count ?? 0);
  const setDraft = useApp((s) => s.setDraft);
  const own = (d: string) => d === 'custom';
  return (
    <>
      {taskShows(task, 'model') && (
        <SettingField
          setting={SETTINGS.model}
          name="model"
          value={model}
          disabled={!ready}
          onChange={(v) => {
            const m = v as ModelKind;
            setDraft({ model: m, preset: null });
            reset({ model: m });
          }}
        />
      )}
      <SettingField
        setting={SETTINGS.dataset}
        name="dataset"
        value={dataset}
        disabled={!ready}
        hint={TASKS[task].refusesData?.hint ?? (ownCount ? null : 'Or drop your own images under “Your images”.')}
        refused={(d) => (own(d) && !ownCount ? 'drop your own images first' : dataRefusal(task, d as DatasetName)?.problem)}
        optionText={(d, label) => (own(d) && ownCount ? `${label} (${ownCount.toLocaleString()})` : label)}
        onChange={(v) => {
          const d = v as DatasetName;
          setDraft({ dataset: d });
          reset({ dataset: d });
        }}
      />
    </>
  );
}
