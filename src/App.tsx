import { BalanceMeter } from './components/BalanceMeter';
import { ClassHistogram } from './components/ClassHistogram';
import { CollapseAlarm } from './components/CollapseAlarm';
import { ControlPanel } from './components/ControlPanel';
import { CopyLinkButton } from './components/CopyLinkButton';
import { GuidedTour, TourButton } from './components/GuidedTour';
import { ModelDiagram } from './components/ModelDiagram';
import { LossChart } from './components/LossChart';
import { GeneratorView } from './components/GeneratorView';
import { HostingStatus } from './components/HostingStatus';
import { InsideViews } from './components/InsideViews';
import { Notices } from './components/Notices';
import { OwnImages } from './components/OwnImages';
import { QualityChart } from './components/QualityChart';
import { ResumeBanner } from './components/ResumeBanner';
import { RunsPanel } from './components/RunsPanel';
import { SampleGrid } from './components/SampleGrid';
import { StatsPanel } from './components/StatsPanel';
import { StatusLine } from './components/StatusLine';
import { WorkerHealth } from './components/WorkerHealth';
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
            <TourButton />
            <CopyLinkButton />
          </div>
        </div>
        <StatusLine />
        <HostingStatus />
      </header>
      <GuidedTour />
      <WorkerHealth />
      <ResumeBanner />
      <Notices />
      <CollapseAlarm />
      <main>
        <ControlPanel />
        <div className="center">
          <GeneratorView />
          <BalanceMeter />
          <LossChart />
          <InsideViews />
          <QualityChart />
          <ClassHistogram />
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
