import { BalanceMeter } from './page/components/charts/BalanceMeter';
import { CollapseAlarm } from './page/components/charts/CollapseAlarm';
import { ControlPanel } from './page/components/controls/ControlPanel';
import { CopyLinkButton } from './page/components/controls/CopyLinkButton';
import { DIGITS_TOUR, GuidedTour, TourButton } from './page/components/controls/GuidedTour';
import { ModeSwitch } from './page/components/lab2d/ModeSwitch';
import { ModelDiagram } from './page/components/inside/ModelDiagram';
import { LossChart } from './page/components/charts/LossChart';
import { GeneratorView } from './page/components/samples/GeneratorView';
import { HostingStatus } from './page/components/status/HostingStatus';
import { Notices } from './page/components/status/Notices';
import { OwnImages } from './page/components/samples/OwnImages';
import { ResumeRunOffer } from './page/components/runs/ResumeOffer';
import { RunsPanel } from './page/components/runs/RunsPanel';
import { SampleGrid } from './page/components/samples/SampleGrid';
import { StatsPanel } from './page/components/charts/StatsPanel';
import { StatusLine } from './page/components/status/StatusLine';
import { TaskPanels } from './page/components/tasks/TaskPanels';
import { WorkerHealth } from './page/components/status/WorkerHealth';
import './explain.css';

export function App() {
  return (
    <div className="app">
      <header>
        <div className="header-row">
          <h1>
            ganvas <span className="muted">watch a GAN learn, in your browser</span>
          </h1>
          <div className="header-actions">
            <TourButton tour={DIGITS_TOUR} />
            <CopyLinkButton />
            <ModeSwitch mode="digits" />
          </div>
        </div>
        <StatusLine />
        <HostingStatus />
      </header>
      <GuidedTour tour={DIGITS_TOUR} />
      <WorkerHealth />
      <ResumeRunOffer />
      <Notices />
      <CollapseAlarm />
      <main>
        <ControlPanel />
        <div className="center">
          <GeneratorView />
          <BalanceMeter />
          <LossChart />
          <TaskPanels />
        </div>
        <aside>
          <SampleGrid />
          <StatsPanel />
          <RunsPanel />
          <OwnImages />
        </aside>
      </main>
      <ModelDiagram />
    </div>
  );
}
