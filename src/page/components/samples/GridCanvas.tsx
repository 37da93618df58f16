import type { RgbaImage } from '../../../shared/protocol';
import { useEffect, useRef, type CanvasHTMLAttributes, type RefObject } from 'react';

interface Props extends CanvasHTMLAttributes<HTMLCanvasElement> {
  grid: RgbaImage | null;
  /** CSS pixels per image pixel. */
  scale: number;
  /** For callers that read the canvas back (e.g. to save a PNG). */
  canvasRef?: RefObject<HTMLCanvasElement | null>;
}

/** RGBA pixels from the worker drawn 1:1 and scaled up by CSS, crisp. */
export function GridCanvas({ grid, scale, canvasRef, ...rest }: Props) {
  const own = useRef<HTMLCanvasElement>(null);
  const canvas = canvasRef ?? own;
  useEffect(() => {
    const c = canvas.current;
    if (!c || !grid) return;
    c.width = grid.width;
    c.height = grid.height;
    c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(grid.pixels), grid.width, grid.height), 0, 0);
  }, [grid, canvas]);
  const width = grid?.width ?? 233;
  // Conditional grids are taller than wide (one row per digit).
  const height = grid?.height ?? width;
  return <canvas ref={canvas} className="grid-canvas" width={width} height={height} style={{ width: width * scale, height: height * scale }} {...rest} />;
}
