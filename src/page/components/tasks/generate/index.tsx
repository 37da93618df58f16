import { ClassHistogram } from '../../charts/ClassHistogram';
import { QualityChart } from '../../charts/QualityChart';
import { InsideViews } from '../../inside/InsideViews';
import { LatentExplorer } from '../../inside/LatentExplorer';
import { ExportSamples } from '../../samples/ExportSamples';
import { useApp } from '../../../state/store';
import type { TaskPage } from '../registry';
import { NoiseGrid } from './NoiseGrid';
import { StudyPanel } from './StudyPanel';

function Panels() {
  // Only a conditional generator's images come with labels to train a classifier on.
  const labelled = useApp((s) => !!s.config?.conditional && s.config.dataset !== 'custom');
  return (
    <>
      <InsideViews />
      <QualityChart />
      <ClassHistogram />
      {labelled && <StudyPanel />}
    </>
  );
}

/** Digits from noise: the fixed-noise grid, the inside views, quality and the augmentation study. */
export const generate: TaskPage = {
  View: NoiseGrid,
  Panels,
  Opened: () => (
    <>
      <LatentExplorer source="opened" />
      <ExportSamples source="opened" />
    </>
  ),
};
