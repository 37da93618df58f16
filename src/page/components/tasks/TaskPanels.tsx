import { ClassHistogram } from '../charts/ClassHistogram';
import { QualityChart } from '../charts/QualityChart';
import { InsideViews } from '../inside/InsideViews';
import { useApp } from '../../state/store';
import { SketchPad } from './SketchPad';
import { TaskScores } from './TaskScores';

/** Below the loss chart: the digits' inside views and quality, or an application's play view and held-out measures. */
export function TaskPanels() {
  const task = useApp((s) => s.config?.task ?? 'generate');
  if (task === 'generate') {
    return (
      <>
        <InsideViews />
        <QualityChart />
        <ClassHistogram />
      </>
    );
  }
  return (
    <>
      {task === 'sketch' && <SketchPad />}
      <TaskScores task={task} />
    </>
  );
}
