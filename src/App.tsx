import { ControlPanel } from './components/ControlPanel';
import { LossChart } from './components/LossChart';
import { Notices } from './components/Notices';
import { SampleGrid } from './components/SampleGrid';
import { StatsPanel } from './components/StatsPanel';
import { StatusLine } from './components/StatusLine';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>
          ganvas <span className="muted">watch a GAN learn, in your browser</span>
        </h1>
        <StatusLine />
      </header>
      <Notices />
      <main>
        <ControlPanel />
        <div className="center">
          <LossChart />
        </div>
        <aside>
          <SampleGrid />
          <StatsPanel />
        </aside>
      </main>
    </div>
  );
}
