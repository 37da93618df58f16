import { ClassHistogram } from '../charts/ClassHistogram';
import { QualityChart } from '../charts/QualityChart';
import { InsideViews } from '../inside/InsideViews';
import { useApp } from '../../state/store';
import { SketchPad } from './SketchPad';
import { StudyPanel } from './StudyPanel';
import { TaskScores } from './TaskScores';

/** Below the loss chart: the digits' inside views and quality, or an application's play view and held-out measures. */
export function TaskPanels() {
  const task = useApp((s) => s.config?.task ?? 'generate');
  // Only a conditional generator's images come with labels to train a classifier on.
  const labelled = useApp((s) => !!s.config?.conditional && s.config.dataset !== 'custom');
  if (task === 'generate') {
    return (
      <>
        <InsideViews />
        <QualityChart />
        <ClassHistogram />
        {labelled && <StudyPanel />}
      </>
    );
  }
  return (
    <>
      {task === 'sketch' && <SketchPad source="live" />}
      <TaskScores task={task} />
    </>
  );
}
