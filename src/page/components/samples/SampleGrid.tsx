import { DEFAULT_TASK } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { TASK_PAGES } from '../tasks/registry';

/** Where the run's live view goes: its task's (the grid from fixed noise, or an application's rows). */
export function SampleGrid() {
  const { View } = TASK_PAGES[useApp((s) => s.config?.task ?? DEFAULT_TASK)];
  return <View />;
}
