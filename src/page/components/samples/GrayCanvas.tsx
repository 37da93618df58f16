import { useEffect, useRef, type CanvasHTMLAttributes } from 'react';

interface Props extends CanvasHTMLAttributes<HTMLCanvasElement> {
  /** One byte per pixel, `width` x `height`. */
  gray: Uint8Array | null;
  width: number;
  height: number;
  /** CSS pixels per image pixel. */
  scale: number;
}

/** Gray pixels from the worker drawn 1:1 and scaled up by CSS, crisp. */
export function GrayCanvas({ gray, width, height, scale, ...rest }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !gray) return;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = gray[i];
      rgba[i * 4 + 3] = 255;
    }
    c.getContext('2d')?.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [gray, width, height]);
  return <canvas ref={canvas} className="gray-canvas" width={width} height={height} style={{ width: width * scale }} {...rest} />;
}

/** Image `i` of a run of gray images (count x size x size), as its own array. */
export function imageOf(gray: Uint8Array, size: number, i: number): Uint8Array {
  return gray.subarray(i * size * size, (i + 1) * size * size);
}

/** A run of gray images laid side by side as one strip (for one canvas). */
export function stripOf(gray: Uint8Array, size: number, count: number): Uint8Array {
  const out = new Uint8Array(size * size * count);
  for (let k = 0; k < count; k++) {
    for (let y = 0; y < size; y++) out.set(gray.subarray(k * size * size + y * size, k * size * size + (y + 1) * size), y * size * count + k * size);
  }
  return out;
}
