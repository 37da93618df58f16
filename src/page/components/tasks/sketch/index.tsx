import type { TaskPage } from '../registry';
import { TaskScores } from '../TaskScores';
import { TaskView } from '../TaskView';
import { SketchPad } from './SketchPad';

/** Sketch to digit: draw for the live generator below the view, or for an opened one. */
export const sketch: TaskPage = {
  View: () => <TaskView task="sketch" />,
  Panels: () => (
    <>
      <SketchPad source="live" />
      <TaskScores task="sketch" />
    </>
  ),
  Opened: () => <SketchPad source="opened" />,
};
