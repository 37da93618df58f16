import type { GrayImages, LatentRequest } from '../../shared/protocol';
import { IMAGE_SIDE, renderImages, type GeneratorSource } from './generatorSource';
import { interpolate, latentNoise } from '../../shared/latent';

/** The images a latent-space request asks for (one render, one read). */
export async function renderLatent(source: GeneratorSource, request: LatentRequest): Promise<GrayImages> {
  if (request.classLabel !== undefined && request.classLabel >= source.classes && source.classes > 0) {
    throw new RangeError(`class ${request.classLabel} does not exist: this generator knows classes 0 to ${source.classes - 1}`);
  }
  const label = request.classLabel ?? 0;
  if (request.kind === 'interpolate') {
    const a = latentNoise(request.seedA, source.latent);
    const b = latentNoise(request.seedB, source.latent);
    const noise = interpolate(a, b, request.frames, request.path);
    return { count: request.frames, size: IMAGE_SIDE, gray: await renderImages(source, noise, request.frames, label) };
  }
  const z = latentNoise(request.seed, source.latent);
  z.set(request.values.slice(0, source.latent));
  return { count: 1, size: IMAGE_SIDE, gray: await renderImages(source, z, 1, label) };
}
