import { ControlPanel } from './components/ControlPanel';
import { LossChart } from './components/LossChart';
import { GeneratorView } from './components/GeneratorView';
import { InsideViews } from './components/InsideViews';
import { Notices } from './components/Notices';
import { OwnImages } from './components/OwnImages';
import { ResumeBanner } from './components/ResumeBanner';
import { RunsPanel } from './components/RunsPanel';
import { SampleGrid } from './components/SampleGrid';
import { StatsPanel } from './components/StatsPanel';
import { StatusLine } from './components/StatusLine';
import { WorkerHealth } from './components/WorkerHealth';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>
          ganvas <span className="muted">watch a GAN learn, in your browser</span>
        </h1>
        <StatusLine />
      </header>
      <WorkerHealth />
      <ResumeBanner />
      <Notices />
      <main>
        <ControlPanel />
        <div className="center">
          <GeneratorView />
          <LossChart />
          <InsideViews />
        </div>
        <aside>
          <SampleGrid />
          <StatsPanel />
          <RunsPanel />
          <OwnImages />
        </aside>
      </main>
    </div>
  );
}
