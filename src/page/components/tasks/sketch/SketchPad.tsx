import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { SKETCH_SIDE } from '../../../../shared/commands';
import { useApp } from '../../../state/store';
import type { GeneratorSourceName } from '../../../../shared/protocol';
import { usePlay } from '../../../state/playStore';
import { drawDigit } from '../../../actions/run';
import { GrayCanvas } from '../../samples/GrayCanvas';

const SCALE = 8;
/** In image pixels: about a real digit's stroke, before the worker thins it. */
const BRUSH = 2.2;

type Point = [number, number];

/** White strokes on black, `scale` canvas pixels per image pixel (a lone point is a dot). */
function paint(g: CanvasRenderingContext2D, strokes: Point[][], scale: number): void {
  g.fillStyle = '#000';
  g.fillRect(0, 0, SKETCH_SIDE * scale, SKETCH_SIDE * scale);
  g.save();
  g.scale(scale, scale);
  g.strokeStyle = '#fff';
  g.lineWidth = BRUSH;
  g.lineCap = g.lineJoin = 'round';
  for (const s of strokes) {
    g.beginPath();
    g.moveTo(...s[0]);
    for (const p of s.length > 1 ? s.slice(1) : s) g.lineTo(...p);
    g.stroke();
  }
  g.restore();
}

/** The strokes rasterised at 28x28, white ink on black, one byte a pixel; null when nothing is drawn. */
function rasterise(strokes: Point[][]): Uint8Array | null {
  if (!strokes.length) return null;
  const c = document.createElement('canvas');
  c.width = c.height = SKETCH_SIDE;
  const g = c.getContext('2d');
  if (!g) return null;
  paint(g, strokes, 1);
  const rgba = g.getImageData(0, 0, SKETCH_SIDE, SKETCH_SIDE).data;
  const gray = new Uint8Array(SKETCH_SIDE * SKETCH_SIDE);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4];
  return gray.some((v) => v > 0) ? gray : null;
}

/** Draw a digit (mouse, touch or pen) and see what the generator makes of it, now and as it trains. */
export function SketchPad({ source }: { source: GeneratorSourceName }) {
  const [strokes, setStrokes] = useState<Point[][]>([]);
  const drawing = useRef(false);
  const pad = useRef<HTMLCanvasElement>(null);
  const drawn = usePlay((s) => s.drawn[source]);
  const prefix = source === 'opened' ? 'Opened generator: ' : '';
  const step = useApp((s) => s.grid?.step ?? 0);
  const ready = useApp((s) => s.status !== 'loading');

  // Redrawn on the pad, and sent again whenever the generator has moved on.
  useEffect(() => {
    const g = pad.current?.getContext('2d');
    if (g) paint(g, strokes, SCALE);
  }, [strokes]);
  useEffect(() => {
    if (drawing.current || !ready) return;
    const pixels = rasterise(strokes);
    if (pixels) drawDigit(source, pixels);
  }, [strokes, step, ready, source]);

  const at = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SKETCH_SIDE, ((e.clientY - r.top) / r.height) * SKETCH_SIDE];
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    // Read now: the event's target is gone by the time React runs the update.
    const p = at(e);
    setStrokes((s) => [...s, [p]]);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const p = at(e);
    setStrokes((s) => [...s.slice(0, -1), [...s[s.length - 1], p]]);
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setStrokes((s) => [...s]);
  };

  return (
    <section className="sketch-pad" aria-label={`${prefix}Draw a digit`}>
      <h3>Draw a digit</h3>
      <p className="muted">Draw with a mouse, a finger or a pen. The generator sees your strokes thinned to one pixel, as its training sketches are.</p>
      <div className="sketch-row">
        <canvas
          ref={pad}
          className="sketch-canvas"
          width={SKETCH_SIDE * SCALE}
          height={SKETCH_SIDE * SCALE}
          aria-label={`${prefix}Drawing pad`}
          data-strokes={strokes.length}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
        />
        <figure>
          <GrayCanvas
            gray={strokes.length ? (drawn?.sketch ?? null) : null}
            width={SKETCH_SIDE}
            height={SKETCH_SIDE}
            scale={4}
            aria-label={`${prefix}What the generator sees`}
          />
          <figcaption>it sees</figcaption>
        </figure>
        <figure>
          <GrayCanvas
            gray={strokes.length ? (drawn?.output ?? null) : null}
            width={SKETCH_SIDE}
            height={SKETCH_SIDE}
            scale={4}
            aria-label={`${prefix}What the generator makes of it`}
            data-request={drawn?.request ?? 0}
            data-step={drawn?.step ?? -1}
          />
          <figcaption>{drawn && strokes.length ? `it makes (step ${drawn.step.toLocaleString()})` : 'it makes'}</figcaption>
        </figure>
      </div>
      <div className="buttons">
        <button type="button" disabled={!strokes.length} onClick={() => setStrokes((s) => s.slice(0, -1))}>
          Undo
        </button>
        <button type="button" disabled={!strokes.length} onClick={() => setStrokes([])}>
          Clear
        </button>
      </div>
    </section>
  );
}
