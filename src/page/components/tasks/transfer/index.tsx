import type { TaskPage } from '../registry';
import { TaskScores } from '../TaskScores';
import { TaskView } from '../TaskView';

/** Domain transfer: its view and measures; nothing of its own to try on an opened download. */
export const transfer: TaskPage = {
  View: () => <TaskView task="transfer" />,
  Panels: () => <TaskScores task="transfer" />,
  Opened: () => null,
};
