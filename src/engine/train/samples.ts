import type { RgbaImage } from '../../shared/protocol';

const IMAGE = 28;
const GAP = 1;
const GAP_SHADE = 40;

/** Which digit a conditional grid shows: null for one row per class. */
/** Cells per row of a sample grid (the digits task's grid, an opened generator's). */
export const GRID_SIDE = 8;

export type SampleClass = number | null;

/** A grid as the samples event carries it: how many rows, and the class shown (conditional runs). */
export interface SampleGrid extends RgbaImage {
  rows: number;
  classIndex: SampleClass;
}

/**
 * The class of each cell of a conditional grid, row by row: one row per
 * class (columns = the first `cols` fixed noise vectors), or every cell the
 * picked class (all the fixed noise).
 */
export function gridClasses(classIndex: SampleClass, cols: number, classes: number): { labels: number[]; rows: number } {
  if (classIndex === null) return { labels: Array.from({ length: classes * cols }, (_, i) => Math.floor(i / cols)), rows: classes };
  return { labels: new Array<number>(cols * cols).fill(classIndex), rows: cols };
}

/**
 * Lays out side×rows generated images (values in [-1, 1], NHWC with one
 * channel) as one RGBA picture with a thin dark gap between cells.
 */
export function renderGrid(values: Float32Array, side: number, rows = side): RgbaImage {
  const cell = IMAGE + GAP;
  const width = side * cell + GAP;
  const height = rows * cell + GAP;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 4] = pixels[i * 4 + 1] = pixels[i * 4 + 2] = GAP_SHADE;
    pixels[i * 4 + 3] = 255;
  }
  for (let n = 0; n < side * rows; n++) {
    const ox = GAP + (n % side) * cell;
    const oy = GAP + Math.floor(n / side) * cell;
    for (let y = 0; y < IMAGE; y++) {
      for (let x = 0; x < IMAGE; x++) {
        const v = (values[n * IMAGE * IMAGE + y * IMAGE + x] + 1) * 127.5;
        const o = ((oy + y) * width + ox + x) * 4;
        pixels[o] = pixels[o + 1] = pixels[o + 2] = v;
      }
    }
  }
  return { width, height, pixels };
}
