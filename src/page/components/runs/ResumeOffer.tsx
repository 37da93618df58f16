import { runLabel } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { useSavedRuns } from '../../state/savedRunsStore';
import { timeAgo } from '../../lib/timeAgo';
import { resumeRun } from '../../actions/trainingWorker';

interface Offer {
  /** The region's accessible name (tests find the offer by it). */
  label: string;
  message: string;
  resume: { text: string; disabled: boolean; onClick(): void };
  dismiss: { text: string; onClick(): void };
}

/** The one resume offer: the run the last visit left, to resume or to let go (each mode says what its run is). */
export function ResumeOffer({ label, message, resume, dismiss }: Offer) {
  return (
    <section className="notice notice-info resume-banner" aria-label={label}>
      <span>{message}</span>
      <span className="buttons">
        <button type="button" className="resume" disabled={resume.disabled} onClick={resume.onClick}>
          {resume.text}
        </button>
        <button type="button" onClick={dismiss.onClick}>
          {dismiss.text}
        </button>
      </span>
    </section>
  );
}

/** On opening the digits page: offer the run that was training here before. */
export function ResumeRunOffer() {
  const offer = useSavedRuns((s) => s.resumeOffer);
  const runId = useApp((s) => s.runId);
  const ready = useApp((s) => s.config !== null);
  if (!offer || offer.runId === runId) return null;
  return (
    <ResumeOffer
      label="Resume a saved run"
      message="Your last run here was saved; pick up where it stopped, or start fresh."
      resume={{
        text: `Resume run (step ${offer.step.toLocaleString()}, ${runLabel(offer)}, ${timeAgo(offer.savedAt)})`,
        disabled: !ready,
        onClick: () => void resumeRun(offer.runId),
      }}
      dismiss={{ text: 'Start fresh', onClick: () => useSavedRuns.setState({ resumeOffer: null }) }}
    />
  );
}
