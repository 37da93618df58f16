import { NUM_CLASSES } from '../../shared/choices/datasets';
/** Parses the MNIST idx format (big-endian header, then raw unsigned bytes). */

export class DataError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DataError';
  }
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

export interface ImageSet {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, 0..255, row-major per image. */
  pixels: Uint8Array;
  /** count class labels, 0..9. */
  labels: Uint8Array;
}

/** An idx image file on its own, before its labels are attached. */
export type IdxImages = Omit<ImageSet, 'labels'>;

function header(bytes: Uint8Array, file: string, words: number): number[] {
  if (bytes.byteLength < words * 4) {
    throw new DataError(file, `file is ${bytes.byteLength} bytes, too short for an idx header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [magic, count, rows, cols] = header(bytes, file, 4);
  if (magic !== IMAGES_MAGIC) {
    throw new DataError(file, `not an idx image file (magic 0x${magic.toString(16)}, expected 0x803)`);
  }
  if (rows !== 28 || cols !== 28) throw new DataError(file, `images are ${rows}x${cols}, expected 28x28`);
  const expected = 16 + count * rows * cols;
  if (bytes.byteLength !== expected) {
    throw new DataError(file, `truncated or corrupt: ${bytes.byteLength} bytes, header promises ${count} images (${expected} bytes)`);
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  const [magic, count] = header(bytes, file, 2);
  if (magic !== LABELS_MAGIC) {
    throw new DataError(file, `not an idx label file (magic 0x${magic.toString(16)}, expected 0x801)`);
  }
  if (bytes.byteLength !== 8 + count) {
    throw new DataError(file, `truncated or corrupt: ${bytes.byteLength} bytes, header promises ${count} labels`);
  }
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0) throw new DataError(file, `label ${labels[bad]} at index ${bad} is outside 0..${NUM_CLASSES - 1}`);
  return labels;
}

/** Images and labels parsed and checked against each other. */
export function parseIdxSet(images: Uint8Array, imagesFile: string, labels: Uint8Array, labelsFile: string): ImageSet {
  const set = parseIdxImages(images, imagesFile);
  const parsed = parseIdxLabels(labels, labelsFile);
  if (parsed.length !== set.count) {
    throw new DataError(labelsFile, `has ${parsed.length} labels but ${imagesFile} has ${set.count} images`);
  }
  return { ...set, labels: parsed };
}

/** File names in each data set's folder (Fashion-MNIST uses MNIST's names, as its own release does). */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;
