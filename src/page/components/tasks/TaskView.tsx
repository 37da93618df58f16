import { useRef } from 'react';
import type { TaskName } from '../../../shared/protocol';
import { TASK_LABELS } from '../../../shared/tasks';
import { TASK_VIEW_COLUMNS } from '../../../shared/tasks';
import { saveBlob } from '../../lib/downloads';
import { useApp } from '../../state/store';
import { GridCanvas } from '../samples/GridCanvas';
import { UpscaleOwn } from './UpscaleOwn';
import { UPSCALE_FACTOR } from '../../../shared/tasks';

const SCALE = 2;
/** A cell of the worker's grid: a 28-pixel image and a 1-pixel gap. */
const CELL = 29;
const IMAGE = 28;

const ROWS_ARE: Record<Exclude<TaskName, 'generate'>, string> = {
  superres: 'held-out images',
  sketch: 'held-out images, one of each class',
  transfer: 'held-out pairs',
};

/** An application's live view: one row per fixed held-out image, its columns captioned. */
export function TaskView({ task }: { task: Exclude<TaskName, 'generate'> }) {
  const grid = useApp((s) => s.grid);
  const lowSide = useApp((s) => IMAGE / UPSCALE_FACTOR[s.config?.upscale ?? 'x4']);
  const canvas = useRef<HTMLCanvasElement>(null);
  const columns = TASK_VIEW_COLUMNS[task];
  const rows = grid?.rows ?? 0;
  const download = () => {
    canvas.current?.toBlob((blob) => blob && saveBlob(blob, `ganvas-${task}-step${grid?.step ?? 0}.png`), 'image/png');
  };
  return (
    <section className="samples task-view" aria-label={`${TASK_LABELS[task]} view`}>
      <h2>
        {TASK_LABELS[task]} {grid ? <span className="muted">step {grid.step.toLocaleString()}</span> : null}
      </h2>
      <p className="muted">
        {rows} {ROWS_ARE[task]}, the same every refresh.
      </p>
      <div className="task-columns" style={{ width: (columns.length * CELL + 1) * SCALE }} aria-hidden="true">
        {columns.map((c) => (
          <span key={c} style={{ width: CELL * SCALE }}>
            {c}
          </span>
        ))}
      </div>
      <GridCanvas
        canvasRef={canvas}
        grid={grid}
        scale={SCALE}
        data-step={grid?.step ?? -1}
        data-rows={rows}
        role="img"
        aria-label={grid ? `${TASK_LABELS[task]} at step ${grid.step}: ${rows} rows of ${columns.join(' | ')}` : 'No view yet'}
      />
      <button type="button" onClick={download} disabled={!grid}>
        Download view (PNG)
      </button>
      {task === 'superres' && <UpscaleOwn lowSide={lowSide} source="live" />}
    </section>
  );
}
