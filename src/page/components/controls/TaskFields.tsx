import type { RunConfig, TaskName, UpscaleName } from '../../../shared/protocol';
import { SETTINGS } from '../../../shared/settings';
import { taskShows } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { SettingField } from './SettingField';

/** The task and the settings only some tasks read (super-resolution's input size): changing either resets at once. */
export function TaskFields({ ready, reset }: { ready: boolean; reset(next: Partial<RunConfig>): void }) {
  const task = useApp((s) => s.draft.task);
  const upscale = useApp((s) => s.draft.upscale);
  const setDraft = useApp((s) => s.setDraft);
  return (
    <>
      <SettingField
        setting={SETTINGS.task}
        name="task"
        value={task}
        disabled={!ready}
        onChange={(v) => {
          const t = v as TaskName;
          setDraft({ task: t, preset: null });
          reset({ task: t });
        }}
      />
      {taskShows(task, 'upscale') && (
        <SettingField
          setting={SETTINGS.upscale}
          name="upscale"
          value={upscale}
          disabled={!ready}
          onChange={(v) => {
            const u = v as UpscaleName;
            setDraft({ upscale: u });
            reset({ upscale: u });
          }}
        />
      )}
    </>
  );
}
