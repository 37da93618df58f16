import { useEffect, useRef } from 'react';
import { saveBlob } from '../download';
import { useApp } from '../store';

const SCALE = 2;

/** The 8x8 grid of samples from fixed noise, drawn crisp. */
export function SampleGrid() {
  const grid = useApp((s) => s.grid);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !grid) return;
    c.width = grid.width;
    c.height = grid.height;
    c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(grid.pixels), grid.width, grid.height), 0, 0);
  }, [grid]);

  const download = () => {
    canvas.current?.toBlob((blob) => blob && saveBlob(blob, `ganvas-samples-step${grid?.step ?? 0}.png`), 'image/png');
  };

  return (
    <section className="samples" aria-label="Samples from fixed noise">
      <h2>Samples {grid ? <span className="muted">step {grid.step.toLocaleString()}</span> : null}</h2>
      <canvas
        ref={canvas}
        className="grid-canvas"
        width={233}
        height={233}
        style={{ width: 233 * SCALE, height: 233 * SCALE }}
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
