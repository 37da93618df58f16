export interface Grid {
  width: number;
  height: number;
  /** RGBA, ready for ImageData. */
  pixels: Uint8ClampedArray;
}

const IMAGE = 28;
const GAP = 1;
const GAP_SHADE = 40;

/**
 * Lays out side*side generated images (values in [-1, 1], NHWC with one
 * channel) as one RGBA picture with a thin dark gap between cells.
 */
export function renderGrid(values: Float32Array, side: number): Grid {
  const cell = IMAGE + GAP;
  const width = side * cell + GAP;
  const height = width;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 4] = pixels[i * 4 + 1] = pixels[i * 4 + 2] = GAP_SHADE;
    pixels[i * 4 + 3] = 255;
  }
  for (let n = 0; n < side * side; n++) {
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
