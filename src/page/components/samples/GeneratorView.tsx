import { DEFAULT_TASK, runLabel, TASKS } from '../../../shared/tasks';
import { TASK_PAGES } from '../tasks/registry';
import { closeGenerator as close, sampleGenerator } from '../../actions/run';
import { GridCanvas } from './GridCanvas';
import { useViewer } from '../../state/viewerStore';

/** A downloaded generator on its own: new noise on demand; the run beside it is untouched. */
export function GeneratorView() {
  const viewer = useViewer((s) => s.viewer);
  if (!viewer) return null;
  const { meta } = viewer;
  // Only an application's download names its task (ExportMeta.task): none is a generator from noise.
  const task = meta.task ?? DEFAULT_TASK;
  const spec = TASKS[task];
  const { Opened } = TASK_PAGES[task];
  return (
    <section className="generator-view" aria-label="Generator only">
      <h2>
        Generator only{' '}
        <span className="muted">
          {viewer.fileName}: {runLabel({ model: meta.model, task: meta.task })}, {meta.step.toLocaleString()} steps on {meta.dataset}, seed {meta.seed}
        </span>
      </h2>
      {!spec.fromNoise && <p className="muted">{spec.openedInput}: what it is given, and what it makes of it.</p>}
      <GridCanvas
        grid={viewer.grid}
        scale={2}
        data-seed={viewer.seed}
        role="img"
        aria-label={
          !spec.fromNoise
            ? `The opened ${spec.label} generator on 8 held-out images, set ${viewer.seed}: input | output`
            : `64 images from the opened generator, noise seed ${viewer.seed}`
        }
      />
      <div className="buttons">
        <button type="button" onClick={() => sampleGenerator(viewer.seed + 1)}>
          {spec.fromNoise ? 'New noise' : 'Other images'}
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      <Opened meta={meta} />
    </section>
  );
}
