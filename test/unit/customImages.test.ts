import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { collectImages, CustomDataError, MIN_IMAGES, type DroppedFile } from '../../src/engine/data/customImages';
import { MAX_IMAGE_BYTES } from '../../src/shared/limits/imageLimits';
import { mnistTrain } from './mnistData';
import { decodePng } from './pngDecode';

const mnist = mnistTrain();

/** A real PNG of MNIST image i, optionally drawn dark on light (as a scan or a drawing would be). */
function digitPng(i: number, darkOnLight = false): Uint8Array {
  const png = new PNG({ width: 28, height: 28 });
  for (let p = 0; p < 784; p++) {
    const v = mnist.pixels[i * 784 + p];
    png.data.set([darkOnLight ? 255 - v : v, darkOnLight ? 255 - v : v, darkOnLight ? 255 - v : v, 255], p * 4);
  }
  return new Uint8Array(PNG.sync.write(png));
}

const decode = decodePng;

const files = (n: number, from = 0, darkOnLight = false): DroppedFile[] =>
  Array.from({ length: n }, (_, k) => ({ name: `digits/${from + k}.png`, bytes: digitPng(from + k, darkOnLight) }));

describe('your own images', () => {
  it('keeps every image, pixel for pixel, and lists each file it skipped with the reason', async () => {
    const corrupt = digitPng(0).slice(0, 60);
    const huge = new Uint8Array(MAX_IMAGE_BYTES + 1);
    huge.set(digitPng(0));
    const { set, skipped, inverted } = await collectImages(
      [
        ...files(70),
        { name: 'notes.txt', bytes: new TextEncoder().encode('hello') },
        { name: 'broken.png', bytes: corrupt },
        { name: 'huge.png', bytes: huge },
      ],
      decode,
    );
    expect(set.count).toBe(70);
    expect(inverted).toBe(0);
    expect(set.pixels.subarray(5 * 784, 6 * 784)).toEqual(mnist.pixels.subarray(5 * 784, 6 * 784));
    expect(skipped.map((s) => s.name)).toEqual(['notes.txt', 'broken.png', 'huge.png']);
    expect(skipped[0].reason).toMatch(/not a PNG or JPEG/);
    expect(skipped[1].reason).toMatch(/could not be decoded/);
    expect(skipped[2].reason).toMatch(/images may be at most 20\.0 MB/);
  });

  it('opens zips, ignoring the clutter macOS adds', async () => {
    const entries = Object.fromEntries(files(MIN_IMAGES).map((f) => [f.name, f.bytes]));
    const zip = zipSync({ ...entries, '__MACOSX/digits/._0.png': new Uint8Array(10), 'digits/.DS_Store': new Uint8Array(10) });
    const { set, skipped } = await collectImages([{ name: 'digits.zip', bytes: zip }], decode);
    expect(set.count).toBe(MIN_IMAGES);
    expect(skipped).toEqual([]);
  });

  it('refuses a zip that claims a huge image before inflating it, and keeps the other files', async () => {
    const zip = zipSync({ 'big.png': new Uint8Array(MAX_IMAGE_BYTES + 1) }, { level: 9 });
    const { set, skipped } = await collectImages([{ name: 'bomb.zip', bytes: zip }, ...files(MIN_IMAGES)], decode);
    expect(set.count).toBe(MIN_IMAGES);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].name).toBe('bomb.zip');
    expect(skipped[0].reason).toMatch(/big\.png claims 20 MB unpacked, over the 20 MB limit/);
  });

  it('turns dark-on-light images light-on-dark, like MNIST', async () => {
    const { set, inverted } = await collectImages(files(MIN_IMAGES, 0, true), decode);
    expect(inverted).toBe(MIN_IMAGES);
    const first = Array.from(set.pixels.subarray(0, 784));
    const original = Array.from(mnist.pixels.subarray(0, 784));
    expect(first).toEqual(original);
  });

  it('says how many usable images there were when there are too few, and why the rest were skipped', async () => {
    const error = await collectImages([...files(10), { name: 'a.gif', bytes: new Uint8Array([0x47, 0x49, 0x46, 0x38]) }], decode).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CustomDataError);
    expect((error as Error).message).toBe('Only 10 usable images: a GAN needs at least 64.');
    expect((error as CustomDataError).skipped).toEqual([{ name: 'a.gif', reason: 'is not a PNG or JPEG image' }]);
  });
});
