import { runLabel } from '../../../shared/names/taskNames';
import { useApp } from '../../state/store';
import { timeAgo } from '../../lib/timeAgo';
import { resumeRun } from '../../actions/trainingWorker';
import { useSavedRuns } from '../../state/savedRunsStore';

/** On opening the page: offer the run that was training here before. */
export function ResumeBanner() {
  const offer = useSavedRuns((s) => s.resumeOffer);
  const runId = useApp((s) => s.runId);
  const ready = useApp((s) => s.config !== null);
  if (!offer || offer.runId === runId) return null;
  return (
    <div className="notice notice-info resume-banner" role="region" aria-label="Resume a saved run">
      <span>Your last run here was saved; pick up where it stopped, or start fresh.</span>
      <span className="buttons">
        <button type="button" className="resume" disabled={!ready} onClick={() => void resumeRun(offer.runId)}>
          Resume run (step {offer.step.toLocaleString()}, {runLabel(offer)}, {timeAgo(offer.savedAt)})
        </button>
        <button type="button" onClick={() => useSavedRuns.setState({ resumeOffer: null })}>
          Start fresh
        </button>
      </span>
    </div>
  );
}
