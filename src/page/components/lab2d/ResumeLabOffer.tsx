import { useLab } from '../../state/lab2dStore';
import { answerLabResumeOffer as answerResumeOffer } from '../../actions/lab';

/** The run the last visit left: resume it exactly, or discard it (training on without an answer keeps the new run). */
export function ResumeLabOffer() {
  const offer = useLab((s) => s.resumeOffer);
  if (!offer) return null;
  return (
    <section className="notice lab-resume" aria-label="Resume the last 2D run">
      <p>
        Your last 2D run was saved at step {offer.step.toLocaleString()} ({new Date(offer.savedAt).toLocaleString()}).
      </p>
      <button type="button" className="primary" onClick={() => void answerResumeOffer(true)}>
        Resume it
      </button>{' '}
      <button type="button" onClick={() => void answerResumeOffer(false)}>
        Discard
      </button>
    </section>
  );
}
