import { ClassHistogram } from './components/ClassHistogram';
import { CollapseAlarm } from './components/CollapseAlarm';
import { ControlPanel } from './components/ControlPanel';
import { LossChart } from './components/LossChart';
import { GeneratorView } from './components/GeneratorView';
import { Notices } from './components/Notices';
import { QualityChart } from './components/QualityChart';
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
      <CollapseAlarm />
      <main>
        <ControlPanel />
        <div className="center">
          <GeneratorView />
          <LossChart />
          <QualityChart />
          <ClassHistogram />
        </div>
        <aside>
          <SampleGrid />
          <StatsPanel />
          <RunsPanel />
        </aside>
      </main>
    </div>
  );
}
