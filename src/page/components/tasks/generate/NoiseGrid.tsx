import { useRef } from 'react';
import { NUM_CLASSES } from '../../../../shared/settings';
import { saveBlob } from '../../../lib/downloads';
import { useApp } from '../../../state/store';
import { setSampleClass } from '../../../actions/run';
import { GridCanvas } from '../../samples/GridCanvas';

const DIGITS = Array.from({ length: NUM_CLASSES }, (_, i) => i);

/** The 8x8 grid of samples from fixed noise, drawn crisp; for a conditional run, one row per digit or one picked digit. */
export function NoiseGrid() {
  const grid = useApp((s) => s.grid);
  const conditional = useApp((s) => s.config?.conditional ?? false);
  const ready = useApp((s) => s.status !== 'loading');
  const canvas = useRef<HTMLCanvasElement>(null);
  const count = 8 * (grid?.rows ?? 8);
  const what =
    grid?.classIndex != null
      ? `${count} generated ${grid.classIndex}s`
      : conditional
        ? `${count} generated images, one row per digit 0 to ${NUM_CLASSES - 1}`
        : `${count} generated images`;

  const download = () => {
    canvas.current?.toBlob((blob) => blob && saveBlob(blob, `ganvas-samples-step${grid?.step ?? 0}.png`), 'image/png');
  };

  return (
    <section className="samples" aria-label="Samples from fixed noise">
      <h2>Samples {grid ? <span className="muted">step {grid.step.toLocaleString()}</span> : null}</h2>
      {conditional && (
        <div className="class-picker">
          <label htmlFor="sample-class">Digit</label>
          <select
            id="sample-class"
            name="sampleClass"
            value={grid?.classIndex ?? ''}
            disabled={!ready}
            onChange={(e) => setSampleClass(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">All classes (one row each)</option>
            {DIGITS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      )}
      <GridCanvas
        canvasRef={canvas}
        grid={grid}
        scale={2}
        data-step={grid?.step ?? -1}
        role="img"
        data-rows={grid?.rows ?? 8}
        aria-label={grid ? `${what} at step ${grid.step}` : 'No samples yet'}
      />
      <button type="button" onClick={download} disabled={!grid}>
        Download grid (PNG)
      </button>
    </section>
  );
}
