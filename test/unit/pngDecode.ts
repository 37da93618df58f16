import { PNG } from 'pngjs';
import type { DecodeImage } from '../../src/engine/data/customImages';

/** Node's stand-in for the worker's browser decoder: pngjs decodes for real; test images are already 28x28, so nothing is scaled. */
export const decodePng: DecodeImage = async (bytes) => {
  const png = PNG.sync.read(Buffer.from(bytes));
  if (png.width !== 28 || png.height !== 28) throw new Error(`test images are 28x28, got ${png.width}x${png.height}`);
  return new Uint8ClampedArray(png.data);
};
