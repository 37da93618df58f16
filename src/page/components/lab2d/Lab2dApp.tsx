import { useLab } from '../../state/lab2dStore';
import { Lab2dCanvas, NoiseView } from './Lab2dCanvas';
import { Lab2dCharts } from './Lab2dCharts';
import { Lab2dPanel } from './Lab2dPanel';
import { ModeSwitch } from './ModeSwitch';
import { PhaseBanner } from './PhaseBanner';
import { LabTimelapse } from './LabTimelapse';
import { LabBalance } from './LabBalance';
import { LAB_TOUR } from './labTour';
import { ResumeOffer } from '../runs/ResumeOffer';
import { answerLabResumeOffer, keepLabWaiting, restartLab } from '../../actions/lab';
import { useHealth } from '../../state/healthStore';
import { GuidedTour, TourButton } from '../controls/GuidedTour';
import { HealthBanner } from '../status/WorkerHealth';

function Notice() {
  const notice = useLab((s) => s.notice);
  return notice ? (
    <p className="notice notice-error lab-notice" role="alert">
      {notice}
    </p>
  ) : null;
}

/** The 2D lab's last run: resume it exactly, or discard it (training on without an answer keeps the new run). */
function ResumeLabOffer() {
  const offer = useLab((s) => s.resumeOffer);
  if (!offer) return null;
  return (
    <ResumeOffer
      label="Resume the last 2D run"
      message={`Your last 2D run was saved at step ${offer.step.toLocaleString()} (${new Date(offer.savedAt).toLocaleString()}).`}
      resume={{ text: 'Resume it', disabled: false, onClick: () => void answerLabResumeOffer(true) }}
      dismiss={{ text: 'Discard', onClick: () => void answerLabResumeOffer(false) }}
    />
  );
}

/** Says when the lab's worker crashed or stopped answering (the digits page's banner); its runs are short, so a restart builds the run afresh from the settings. */
function LabWorkerHealth() {
  const worker = useHealth((s) => s.lab);
  if (worker.state === 'ok') return null;
  const what =
    worker.state === 'crashed'
      ? `The 2D lab's worker stopped: ${worker.message}.`
      : `The 2D lab's worker has not answered for ${worker.seconds} s; it may be stuck.`;
  const restart = (
    <button type="button" onClick={restartLab}>
      Restart the lab's worker (the run starts afresh)
    </button>
  );
  return <HealthBanner health={worker} what={what} restart={restart} onKeepWaiting={keepLabWaiting} />;
}

const KERNEL_WHY = {
  'wasm-simd': 'on WASM SIMD (two float64 lanes a step), the fastest this browser has for these tiny layers',
  js: 'on plain JavaScript: this browser has no WASM SIMD, so the fallback runs (about half the speed)',
};

function Speed() {
  const sps = useLab((s) => s.stepsPerSecond);
  const kernel = useLab((s) => s.kernel);
  if (!sps || !kernel) return <span className="muted" data-testid="lab-speed" />;
  return (
    <span className="muted" data-testid="lab-speed" title={KERNEL_WHY[kernel]}>
      {`${Math.round(sps).toLocaleString()} steps/s · ${kernel === 'wasm-simd' ? 'WASM SIMD' : 'plain JS'}`}
    </span>
  );
}

/** The 2D lab: real and fake points in a plane, D's landscape, G's map and the pushes, live. */
export function Lab2dApp() {
  const side = useLab((s) => s.configs[1] !== null);
  return (
    <div className={side ? 'app lab2d side' : 'app lab2d'}>
      <header>
        <div className="header-row">
          <h1>
            ganvas <span className="muted">2D lab: watch D's landscape and G's map move</span>
          </h1>
          <div className="header-actions">
            <TourButton tour={LAB_TOUR} />
            <ModeSwitch mode="lab2d" />
          </div>
        </div>
        <Speed />
      </header>
      <GuidedTour tour={LAB_TOUR} />
      <LabWorkerHealth />
      <Notice />
      <ResumeLabOffer />
      <main>
        <Lab2dPanel />
        <div className="center">
          <div className="lab-canvases">
            <Lab2dCanvas index={0} title={side ? 'A' : 'Real (green) and fake (purple)'} />
            {side && <Lab2dCanvas index={1} title="B" />}
            <NoiseView index={0} />
          </div>
          <PhaseBanner />
          <LabBalance />
          <Lab2dCharts />
          <LabTimelapse />
        </div>
      </main>
    </div>
  );
}
