import { useRef } from 'react';
import { saveBlob } from '../download';
import { useApp } from '../store';
import { GridCanvas } from './GridCanvas';

/** The 8x8 grid of samples from fixed noise, drawn crisp. */
export function SampleGrid() {
  const grid = useApp((s) => s.grid);
  const canvas = useRef<HTMLCanvasElement>(null);

  const download = () => {
    canvas.current?.toBlob((blob) => blob && saveBlob(blob, `ganvas-samples-step${grid?.step ?? 0}.png`), 'image/png');
  };

  return (
    <section className="samples" aria-label="Samples from fixed noise">
      <h2>Samples {grid ? <span className="muted">step {grid.step.toLocaleString()}</span> : null}</h2>
      <GridCanvas
        canvasRef={canvas}
        grid={grid}
        scale={2}
        data-step={grid?.step ?? -1}
        role="img"
        aria-label={grid ? `64 generated images at step ${grid.step}` : 'No samples yet'}
      />
      <button type="button" onClick={download} disabled={!grid}>
        Download grid (PNG)
      </button>
    </section>
  );
}
