import { DEFAULT_TASK } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { TASK_PAGES } from './registry';

/** Below the loss chart: what the run's task adds (the digits' inside views and quality, or an application's measures). */
export function TaskPanels() {
  const { Panels } = TASK_PAGES[useApp((s) => s.config?.task ?? DEFAULT_TASK)];
  return <Panels />;
}
