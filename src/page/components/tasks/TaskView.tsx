import { useRef, type ReactNode } from 'react';
import type { TaskName } from '../../../shared/protocol';
import { TASKS } from '../../../shared/tasks';
import { saveBlob } from '../../lib/downloads';
import { useApp } from '../../state/store';
import { GridCanvas } from '../samples/GridCanvas';

const SCALE = 2;
/** A cell of the worker's grid: a 28-pixel image and a 1-pixel gap. */
const CELL = 29;

/** An application's live view: one row per fixed held-out image, its columns captioned; `children`: the task's own tools under it. */
export function TaskView({ task, children }: { task: TaskName; children?: ReactNode }) {
  const grid = useApp((s) => s.grid);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { label, viewColumns: columns, viewRows } = TASKS[task];
  const rows = grid?.rows ?? 0;
  const download = () => {
    canvas.current?.toBlob((blob) => blob && saveBlob(blob, `ganvas-${task}-step${grid?.step ?? 0}.png`), 'image/png');
  };
  return (
    <section className="samples task-view" aria-label={`${label} view`}>
      <h2>
        {label} {grid ? <span className="muted">step {grid.step.toLocaleString()}</span> : null}
      </h2>
      <p className="muted">
        {rows} {viewRows}, the same every refresh.
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
        aria-label={grid ? `${label} at step ${grid.step}: ${rows} rows of ${columns.join(' | ')}` : 'No view yet'}
      />
      <button type="button" onClick={download} disabled={!grid}>
        Download view (PNG)
      </button>
      {children}
    </section>
  );
}
