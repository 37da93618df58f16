import { PNG } from 'pngjs';
import type { PngEncoder } from '../../src/engine/export/samplesZip';

/** The Node stand-in for the worker's OffscreenCanvas encoder. */
export const encodePngNode: PngEncoder = async (gray, width, height) => {
  const png = new PNG({ width, height });
  gray.forEach((v, i) => {
    png.data[i * 4] = png.data[i * 4 + 1] = png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  });
  return new Uint8Array(PNG.sync.write(png));
};
