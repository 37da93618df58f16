import { MODEL_LABELS } from '../../../shared/names/modelNames';
import { useApp } from '../../state/store';
import { trainer } from '../../bridge/workerBridge';
import { ExportSamples } from './ExportSamples';
import { GridCanvas } from './GridCanvas';
import { LatentExplorer } from '../inside/LatentExplorer';

/** A downloaded generator on its own: new noise on demand; the run beside it is untouched. */
export function GeneratorView() {
  const viewer = useApp((s) => s.viewer);
  if (!viewer) return null;
  const { meta } = viewer;
  const close = () => {
    trainer.send({ type: 'closeGenerator' });
    useApp.setState({ viewer: null });
  };
  return (
    <section className="generator-view" aria-label="Generator only">
      <h2>
        Generator only{' '}
        <span className="muted">
          {viewer.fileName}: {MODEL_LABELS[meta.model]}, {meta.step.toLocaleString()} steps on {meta.dataset}, seed {meta.seed}
        </span>
      </h2>
      <GridCanvas grid={viewer.grid} scale={2} data-seed={viewer.seed} role="img" aria-label={`64 images from the opened generator, noise seed ${viewer.seed}`} />
      <div className="buttons">
        <button type="button" onClick={() => trainer.send({ type: 'sampleGenerator', seed: viewer.seed + 1 })}>
          New noise
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      <LatentExplorer source="opened" />
      <ExportSamples source="opened" />
    </section>
  );
}
