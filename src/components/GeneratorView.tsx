import { MODEL_LABELS } from '../engine/modelNames';
import { useApp } from '../store';
import { trainer } from '../worker/client';
import { GridCanvas } from './GridCanvas';

const SLIDERS = 4;

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
      <fieldset className="latent-sliders" disabled>
        <legend>Latent sliders (coming with the latent-space view)</legend>
        {Array.from({ length: SLIDERS }, (_, i) => (
          <label key={i}>
            z{i + 1} <input type="range" min={-3} max={3} step={0.1} defaultValue={0} />
          </label>
        ))}
      </fieldset>
    </section>
  );
}
