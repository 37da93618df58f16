import { UPSCALE_FACTOR } from '../../../../shared/tasks';
import { useApp } from '../../../state/store';
import type { TaskPage } from '../registry';
import { TaskScores } from '../TaskScores';
import { TaskView } from '../TaskView';
import { UpscaleOwn } from './UpscaleOwn';

/** A 28-pixel image at the run's factor down. */
const IMAGE = 28;

function View() {
  const lowSide = useApp((s) => IMAGE / UPSCALE_FACTOR[s.config?.upscale ?? 'x4']);
  return (
    <TaskView task="superres">
      <UpscaleOwn lowSide={lowSide} source="live" />
    </TaskView>
  );
}

/** Super-resolution: upscale your own image beside the view, live and on an opened download. */
export const superres: TaskPage = {
  View,
  Panels: () => <TaskScores task="superres" />,
  Opened: ({ meta }) => <UpscaleOwn source="opened" lowSide={meta.inputShape?.[0] ?? 7} />,
};
