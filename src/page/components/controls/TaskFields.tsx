import type { RunConfig, TaskName, UpscaleName } from '../../../shared/protocol';
import { TASK_LABELS, UPSCALE_LABELS } from '../../../shared/tasks';
import { SETTINGS } from '../../../shared/settings';
import { useApp } from '../../state/store';

const TASK_HINT: Record<TaskName, string> = {
  generate: 'Digits from random noise: the classic GAN.',
  superres: 'G upscales a low-resolution image; D judges it beside its input (pix2pix).',
  sketch: 'G turns one-pixel strokes into a digit; draw your own below the view.',
  transfer: 'Two generators translate MNIST digits ↔ the data set chosen; no pairs needed (CycleGAN).',
};

/** The task and, for super-resolution, its input size: changing either resets at once. */
export function TaskFields({ ready, reset }: { ready: boolean; reset(next: Partial<RunConfig>): void }) {
  const task = useApp((s) => s.draft.task);
  const upscale = useApp((s) => s.draft.upscale);
  const setDraft = useApp((s) => s.setDraft);
  return (
    <>
      <div className="field">
        <label htmlFor="task">{SETTINGS.task.label}</label>
        <select
          id="task"
          value={task}
          disabled={!ready}
          onChange={(e) => {
            const t = e.target.value as TaskName;
            setDraft({ task: t, preset: null });
            reset({ task: t });
          }}
        >
          {(Object.keys(TASK_LABELS) as TaskName[]).map((t) => (
            <option key={t} value={t}>
              {TASK_LABELS[t]}
            </option>
          ))}
        </select>
        <span className="field-hint">{TASK_HINT[task]}</span>
      </div>
      {task === 'superres' && (
        <div className="field">
          <label htmlFor="upscale">{SETTINGS.upscale.label}</label>
          <select
            id="upscale"
            value={upscale}
            disabled={!ready}
            onChange={(e) => {
              const u = e.target.value as UpscaleName;
              setDraft({ upscale: u });
              reset({ upscale: u });
            }}
          >
            {(Object.keys(UPSCALE_LABELS) as UpscaleName[]).map((u) => (
              <option key={u} value={u}>
                {UPSCALE_LABELS[u]}
              </option>
            ))}
          </select>
          <span className="field-hint">{SETTINGS.upscale.hint}</span>
        </div>
      )}
    </>
  );
}
