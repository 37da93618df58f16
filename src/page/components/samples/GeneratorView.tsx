import { runLabel, TASK_LABELS } from '../../../shared/tasks';
import { SketchPad } from '../tasks/SketchPad';
import { UpscaleOwn } from '../tasks/UpscaleOwn';
import { closeGenerator as close, sampleGenerator } from '../../actions/run';
import { ExportSamples } from './ExportSamples';
import { GridCanvas } from './GridCanvas';
import { LatentExplorer } from '../inside/LatentExplorer';
import { useViewer } from '../../state/viewerStore';

/** A downloaded generator on its own: new noise on demand; the run beside it is untouched. */
export function GeneratorView() {
  const viewer = useViewer((s) => s.viewer);
  if (!viewer) return null;
  const { meta } = viewer;
  const task = meta.task;
  return (
    <section className="generator-view" aria-label="Generator only">
      <h2>
        Generator only{' '}
        <span className="muted">
          {viewer.fileName}: {runLabel({ model: meta.model, task })}, {meta.step.toLocaleString()} steps on {meta.dataset}, seed {meta.seed}
        </span>
      </h2>
      {task && <p className="muted">Held-out images{task === 'transfer' ? ' of MNIST digits' : ''}: what it is given, and what it makes of it.</p>}
      <GridCanvas
        grid={viewer.grid}
        scale={2}
        data-seed={viewer.seed}
        role="img"
        aria-label={
          task
            ? `The opened ${TASK_LABELS[task]} generator on 8 held-out images, set ${viewer.seed}: input | output`
            : `64 images from the opened generator, noise seed ${viewer.seed}`
        }
      />
      <div className="buttons">
        <button type="button" onClick={() => sampleGenerator(viewer.seed + 1)}>
          {task ? 'Other images' : 'New noise'}
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {task === 'sketch' && <SketchPad source="opened" />}
      {task === 'superres' && <UpscaleOwn source="opened" lowSide={meta.inputShape?.[0] ?? 7} />}
      {!task && <LatentExplorer source="opened" />}
      {!task && <ExportSamples source="opened" />}
    </section>
  );
}
