import { useLab } from '../../state/lab2dStore';
import { Lab2dCanvas, NoiseView } from './Lab2dCanvas';
import { Lab2dCharts } from './Lab2dCharts';
import { Lab2dPanel } from './Lab2dPanel';
import { ModeSwitch } from './ModeSwitch';
import { PhaseBanner } from './PhaseBanner';
import { LabTimelapse } from './LabTimelapse';
import { LabBalance } from './LabBalance';
import { LAB_TOUR } from './labTour';
import { ResumeLabOffer } from './ResumeLabOffer';
import { GuidedTour, TourButton } from '../controls/GuidedTour';
import { LabWorkerHealth } from '../status/WorkerHealth';

function Notice() {
  const notice = useLab((s) => s.notice);
  return notice ? (
    <p className="notice notice-error lab-notice" role="alert">
      {notice}
    </p>
  ) : null;
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
