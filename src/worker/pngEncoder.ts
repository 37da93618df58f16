/// <reference lib="webworker" />
import type { PngEncoder } from '../engine/export/samplesZip';

let canvas: OffscreenCanvas | null = null;

/** PNG through the browser's own encoder. convertToBlob copies the bitmap when called, so one canvas serves overlapping calls. */
export const encodePng: PngEncoder = async (gray, width, height) => {
  canvas ??= new OffscreenCanvas(width, height);
  if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < gray.length; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = gray[i];
    rgba[i * 4 + 3] = 255;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser has no 2D OffscreenCanvas to encode PNGs');
  ctx.putImageData(new ImageData(rgba, width, height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
};
