import { create } from 'zustand';
import type { RunConfig, RunSummary } from '../../shared/protocol';
import type { MetricHistory } from '../../shared/metricHistory';
import { runLabel } from '../../shared/tasks';
import { getKeep, listRuns, storageUse, type SavedRun } from '../../shared/formats/runStore';
import { KEEP_DEFAULT } from '../../shared/formats/runKeep';
import { messageOf } from '../../shared/errors';
import { notify } from './noticesStore';

export interface PastRun {
  runId: string;
  label: string;
  metrics: MetricHistory;
}

/** Runs other than the live one: saved in IndexedDB, and this page session's earlier runs to compare with. */
interface SavedRunsState {
  /** Saved runs, newest first, and the storage they use (refreshRuns reloads both). */
  runs: SavedRun[];
  /** How many runs not marked Keep the list keeps (stored with the runs, as the saver worker applies it). */
  keep: number;
  storage: { usage: number; quota: number } | null;
  /** The run offered for resuming when the page opened (null once dismissed or taken). */
  resumeOffer: RunSummary | null;
  /** Earlier runs of this page session, newest first, kept for comparing curves. */
  pastRuns: PastRun[];
  /** What the charts show: run `a` solid, run `b` dashed over it ('current' is the live run). */
  compare: { a: string; b: string | null };
}

export const useSavedRuns = create<SavedRunsState>()(() => ({
  runs: [],
  keep: KEEP_DEFAULT,
  storage: null,
  resumeOffer: null,
  pastRuns: [],
  compare: { a: 'current', b: null },
}));

export async function refreshRuns(): Promise<void> {
  try {
    const [runs, storage, keep] = await Promise.all([listRuns(), storageUse(), getKeep()]);
    useSavedRuns.setState({ runs, storage, keep });
  } catch (e) {
    notify('error', `Could not read saved runs: ${messageOf(e)}`);
  }
}

/** Enough to compare a morning's experiments; each is 48 bytes a step. */
const MAX_PAST_RUNS = 8;

/** The run being replaced joins the past runs (unless it continues under the same id); the charts go back to showing the new run. */
export function keepPast(replaced: { runId: string | null; config: RunConfig | null; metrics: MetricHistory }, nextRunId: string): void {
  const { runId, config, metrics } = replaced;
  if (!runId || !config || runId === nextRunId || metrics.length === 0) return;
  const { pastRuns, compare } = useSavedRuns.getState();
  const last = metrics.last();
  const label = `${runLabel(config)}, ${config.dataset}, G ${config.gLearningRate} / D ${config.dLearningRate}, to step ${last?.step ?? 0}`;
  const kept = [{ runId, label, metrics }, ...pastRuns.filter((r) => r.runId !== runId)].slice(0, MAX_PAST_RUNS);
  const b = compare.b;
  useSavedRuns.setState({ pastRuns: kept, compare: { a: 'current', b: b && kept.some((r) => r.runId === b) ? b : null } });
}
