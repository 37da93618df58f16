/// <reference lib="webworker" />
import type { DecodeImage } from '../engine/data/customImages';

const SIDE = 28;

/** Browser decoding in the worker: centre-crop to a square, then let the canvas filter it down to 28x28. */
export const decodeImage: DecodeImage = async (bytes, type) => {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type }));
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(SIDE, SIDE);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas in this worker');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIDE, SIDE);
    return ctx.getImageData(0, 0, SIDE, SIDE).data;
  } finally {
    bitmap.close();
  }
};
