import { useEffect, useRef } from 'react';
import { VIEW } from '../../../shared/lab2dData';
import { frames, onFrame, useLab } from '../../state/lab2dStore';
import { drawFrame, drawPoints, FAKE_COLOR } from './drawLab';

const SIZE = 480;
const NOISE_SIZE = 140;
/** Painting adds a point each time the pointer has moved this far (data units). */
const PAINT_SPACING = 0.06;

/** Redraws on each new frame, at most once per animation frame. */
function useFrameDraw(draw: () => void, deps: unknown[]): void {
  useEffect(() => {
    let pending = 0;
    const request = () => (pending ||= requestAnimationFrame(() => ((pending = 0), draw())));
    request();
    const off = onFrame(request);
    return () => {
      off();
      cancelAnimationFrame(pending);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the drawing depends on
  }, deps);
}

/** One lab's canvas; the first one takes painted points when the data is "Draw your own". */
export function Lab2dCanvas({ index, title }: { index: 0 | 1; title: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const layers = useLab((s) => s.layers);
  const drawn = useLab((s) => s.drawn);
  const painting = useLab((s) => s.configs[0].data === 'custom') && index === 0;
  const stroke = useRef<number[] | null>(null);
  useFrameDraw(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const frame = frames[index];
    drawFrame(ctx, frame, layers, painting ? [...drawn, ...(stroke.current ?? [])] : [], SIZE);
    c.dataset.step = String(frame?.step ?? -1);
  }, [layers, drawn, painting, index]);

  const toData = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * 2 * VIEW - VIEW, VIEW - ((e.clientY - r.top) / r.height) * 2 * VIEW];
  };
  const add = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const s = stroke.current;
    if (!s) return;
    const [x, y] = toData(e);
    if (s.length && Math.hypot(x - s[s.length - 2], y - s[s.length - 1]) < PAINT_SPACING) return;
    s.push(x, y);
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawPoints(ctx, [x, y], '#ffffff', SIZE, 3);
  };
  const handlers = painting
    ? {
        onPointerDown: (e: React.PointerEvent<HTMLCanvasElement>) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          stroke.current = [];
          add(e);
        },
        onPointerMove: add,
        onPointerUp: () => {
          const s = stroke.current;
          stroke.current = null;
          if (s) useLab.getState().addStroke(s);
        },
      }
    : {};
  return (
    <figure className="lab-canvas">
      <figcaption>{title}</figcaption>
      <canvas
        ref={ref}
        width={SIZE}
        height={SIZE}
        data-index={index}
        className={painting ? 'painting' : undefined}
        aria-label={`${title}: data, fakes and D's verdict`}
        {...handlers}
      />
    </figure>
  );
}

/** The noise space beside the canvas: each fake's noise (first two axes) on the grid G's mesh is made from. */
export function NoiseView({ index }: { index: 0 | 1 }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useFrameDraw(() => {
    const ctx = ref.current?.getContext('2d');
    const frame = frames[index];
    if (!ctx) return;
    ctx.fillStyle = '#14171d';
    ctx.fillRect(0, 0, NOISE_SIZE, NOISE_SIZE);
    ctx.strokeStyle = 'rgba(230, 230, 240, 0.3)';
    ctx.beginPath();
    // The mesh spans +-2 in noise space; the view +-VIEW, so the grid sits inside it.
    for (let k = 0; k <= 16; k++) {
      const p = ((-2 + k / 4 + VIEW) / (2 * VIEW)) * NOISE_SIZE;
      const [lo, hi] = [((VIEW - 2) / (2 * VIEW)) * NOISE_SIZE, ((VIEW + 2) / (2 * VIEW)) * NOISE_SIZE];
      ctx.moveTo(p, lo);
      ctx.lineTo(p, hi);
      ctx.moveTo(lo, p);
      ctx.lineTo(hi, p);
    }
    ctx.stroke();
    if (frame) drawPoints(ctx, frame.noise, FAKE_COLOR, NOISE_SIZE, 1.5);
  }, [index]);
  return (
    <figure className="lab-noise">
      <figcaption>Noise z (first 2 axes)</figcaption>
      <canvas ref={ref} width={NOISE_SIZE} height={NOISE_SIZE} />
    </figure>
  );
}
