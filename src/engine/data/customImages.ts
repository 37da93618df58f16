// Your own images as a training set: files (or zips of them) in, 28x28
// grayscale out. Decoding is the caller's (the worker uses createImageBitmap
// and an OffscreenCanvas); everything else (what to skip and why, limits,
// grayscale, background) lives here so Node tests can check it.
import type { WorkerEvent } from '../../shared/protocol';
import type { ImageSet } from './mnist';
import { renderGrid } from '../train/samples';
import type { RgbaImage } from '../../shared/protocol';
import { unzipLimited } from '../../shared/limits/zipLimits';
import { MAX_IMAGE_BYTES } from '../../shared/limits/imageLimits';
import { messageOf } from '../../shared/errors';

export const MIN_IMAGES = 64;
/** As many as MNIST's training set: more would only slow the first load. */
export const MAX_IMAGES = 60_000;
const MAX_ZIP_TOTAL = 1 << 30;
export const SIDE = 28;
const GRID = 8;

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Skipped {
  name: string;
  reason: string;
}

/** Decodes a PNG or JPEG to SIDE x SIDE RGBA (centre-cropped to a square, then scaled). */
export type DecodeImage = (bytes: Uint8Array, type: 'image/png' | 'image/jpeg') => Promise<Uint8ClampedArray>;

export interface CustomData {
  set: ImageSet;
  skipped: Skipped[];
  /** Images drawn dark on light, turned light on dark like MNIST. */
  inverted: number;
}

export class CustomDataError extends Error {
  override name = 'CustomDataError';
  constructor(
    message: string,
    readonly skipped: Skipped[],
  ) {
    super(message);
  }
}

/** The image type from the file's first bytes (names and extensions can lie). */
export function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
/** macOS zips carry resource forks and Finder files beside the real ones. */
const isClutter = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.[^/]*$/.test(name);

/** Files after opening zips: zips are read with the same per-image cap, before inflating. */
function expand(files: DroppedFile[], skipped: Skipped[]): DroppedFile[] {
  const out: DroppedFile[] = [];
  for (const f of files) {
    if (!isZip(f.bytes)) {
      out.push(f);
      continue;
    }
    try {
      const entries = unzipLimited(
        f.bytes,
        { maxEntries: MAX_IMAGES * 2, capOf: (name) => (isClutter(name) ? undefined : MAX_IMAGE_BYTES), maxTotal: MAX_ZIP_TOTAL },
        (message) => {
          throw new Error(message);
        },
      );
      for (const [name, bytes] of Object.entries(entries)) out.push({ name: `${f.name}/${name}`, bytes });
    } catch (e) {
      skipped.push({ name: f.name, reason: messageOf(e) });
    }
  }
  return out;
}

/**
 * Grayscale by luminance over black (transparent pixels become background),
 * inverted when the border is bright so strokes are light on dark like MNIST.
 */
export function toGray(rgba: Uint8ClampedArray): { pixels: Uint8Array; inverted: boolean } {
  const pixels = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < pixels.length; i++) {
    const a = rgba[4 * i + 3] / 255;
    pixels[i] = Math.round(a * (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]));
  }
  let border = 0;
  for (let k = 0; k < SIDE; k++) border += pixels[k] + pixels[(SIDE - 1) * SIDE + k] + pixels[k * SIDE] + pixels[k * SIDE + SIDE - 1];
  const inverted = border / (4 * SIDE) > 127;
  if (inverted) for (let i = 0; i < pixels.length; i++) pixels[i] = 255 - pixels[i];
  return { pixels, inverted };
}

/**
 * Every usable image among the dropped files; the rest are listed with a
 * reason. Throws CustomDataError (with the list) when too few remain.
 */
export async function collectImages(files: DroppedFile[], decode: DecodeImage): Promise<CustomData> {
  const skipped: Skipped[] = [];
  const images: Uint8Array[] = [];
  let inverted = 0;
  for (const f of expand(files, skipped)) {
    if (f.bytes.byteLength > MAX_IMAGE_BYTES) {
      skipped.push({ name: f.name, reason: `is ${mb(f.bytes.byteLength)}; images may be at most ${mb(MAX_IMAGE_BYTES)}` });
      continue;
    }
    const type = imageType(f.bytes);
    if (!type) {
      skipped.push({ name: f.name, reason: 'is not a PNG or JPEG image' });
      continue;
    }
    if (images.length >= MAX_IMAGES) {
      skipped.push({ name: f.name, reason: `over the ${MAX_IMAGES.toLocaleString()}-image limit` });
      continue;
    }
    try {
      const gray = toGray(await decode(f.bytes, type));
      images.push(gray.pixels);
      if (gray.inverted) inverted++;
    } catch (e) {
      skipped.push({ name: f.name, reason: `could not be decoded (${messageOf(e)})` });
    }
  }
  if (images.length < MIN_IMAGES) {
    throw new CustomDataError(`Only ${images.length} usable image${images.length === 1 ? '' : 's'}: a GAN needs at least ${MIN_IMAGES}.`, skipped);
  }
  const pixels = new Uint8Array(images.length * SIDE * SIDE);
  images.forEach((p, i) => pixels.set(p, i * SIDE * SIDE));
  // Your images have no classes: every label is 0, and conditional models refuse them.
  return { set: { count: images.length, rows: SIDE, cols: SIDE, pixels, labels: new Uint8Array(images.length) }, skipped, inverted };
}

/** The first 64 images as the sample grid draws them. */
export function preview(set: ImageSet): RgbaImage {
  const n = GRID * GRID;
  const values = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < values.length; i++) values[i] = set.pixels[i] / 127.5 - 1;
  return renderGrid(values, GRID);
}

/**
 * The worker's answer to dropped files: the images and the event saying so,
 * or (too few usable images) only an event, and what there was stays.
 */
export async function loadOwnImages(
  cmd: { files: { name: string; bytes: ArrayBuffer }[]; skipped: Skipped[] },
  decode: DecodeImage,
): Promise<{ set: ImageSet | null; event: WorkerEvent; transfer: Transferable[] }> {
  try {
    const { set, skipped, inverted } = await collectImages(
      cmd.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
      decode,
    );
    const grid = preview(set);
    const event: WorkerEvent = { type: 'imagesLoaded', count: set.count, inverted, skipped: [...cmd.skipped, ...skipped], preview: grid };
    return { set, event, transfer: [grid.pixels.buffer] };
  } catch (e) {
    if (!(e instanceof CustomDataError)) throw e;
    return { set: null, event: { type: 'imagesRefused', message: e.message, skipped: [...cmd.skipped, ...e.skipped] }, transfer: [] };
  }
}
