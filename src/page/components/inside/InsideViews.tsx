import { useApp } from '../../state/store';
import { ExportSamples } from '../samples/ExportSamples';
import { LatentExplorer } from './LatentExplorer';
import { RealVsFake } from './RealVsFake';
import { TimelapseView } from './TimelapseView';

/** The views the worker renders for the live run: real vs fake, the latent space, the timelapse, the samples export. */
export function InsideViews() {
  const ready = useApp((s) => s.config !== null);
  if (!ready) return null;
  return (
    <div className="inside-views">
      <RealVsFake />
      <LatentExplorer source="live" />
      <TimelapseView />
      <section className="samples-export" aria-label="Export samples">
        <h2>
          Export samples <span className="muted">generated images for data augmentation</span>
        </h2>
        <ExportSamples source="live" />
      </section>
    </div>
  );
}
