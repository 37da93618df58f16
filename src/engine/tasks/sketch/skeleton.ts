/**
 * The sketch a digit is drawn from: its strokes thinned to one pixel (Zhang
 * and Suen's 1984 thinning), what a pen stroke on the drawing canvas looks
 * like at 28x28. Pure TypeScript: no tfjs, cheap enough per batch.
 */

/** Pixels at or above this (of 255) count as ink. */
export const INK = 128;

/** The 8 neighbours p2..p9, clockwise from north, as (row, col) offsets. */
const AROUND: [number, number][] = [
  [-1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
  [1, 0],
  [1, -1],
  [0, -1],
  [-1, -1],
];

function neighbours(ink: Uint8Array, side: number, r: number, c: number, out: Uint8Array): void {
  AROUND.forEach(([dr, dc], k) => {
    const [y, x] = [r + dr, c + dc];
    out[k] = y >= 0 && y < side && x >= 0 && x < side ? ink[y * side + x] : 0;
  });
}

/** Whether p1 may go in this sub-iteration: Zhang-Suen's four conditions on p2..p9 (`n[0..7]`). */
function removable(n: Uint8Array, second: boolean): boolean {
  let count = 0;
  let rises = 0;
  for (let k = 0; k < 8; k++) {
    count += n[k];
    if (n[k] === 0 && n[(k + 1) % 8] === 1) rises++;
  }
  if (count < 2 || count > 6 || rises !== 1) return false;
  const [p2, p4, p6, p8] = [n[0], n[2], n[4], n[6]];
  return second ? p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0 : p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0;
}

/** Thins a 0/1 image in place until nothing more can go; returns it. */
export function thin(ink: Uint8Array, side: number): Uint8Array {
  const n = new Uint8Array(8);
  const marked: number[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const second of [false, true]) {
      marked.length = 0;
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          if (!ink[r * side + c]) continue;
          neighbours(ink, side, r, c, n);
          if (removable(n, second)) marked.push(r * side + c);
        }
      }
      for (const i of marked) ink[i] = 0;
      changed ||= marked.length > 0;
    }
  }
  return ink;
}

/** The skeleton of one image's ink (pixels 0..255, row-major) as 0/1. */
export function skeletonOf(pixels: ArrayLike<number>, side: number): Uint8Array {
  const ink = new Uint8Array(side * side);
  for (let i = 0; i < ink.length; i++) ink[i] = pixels[i] >= INK ? 1 : 0;
  return thin(ink, side);
}

/**
 * Sketches of a batch of images in the models' range ([-1, 1], [count,
 * side*side] row-major): stroke 1, paper -1, the same threshold as
 * `skeletonOf` (a value v is pixel (v + 1) * 127.5).
 */
export function sketchBatch(values: Float32Array, count: number, side: number): Float32Array {
  const size = side * side;
  const out = new Float32Array(count * size);
  const ink = new Uint8Array(size);
  const threshold = INK / 127.5 - 1;
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < size; i++) ink[i] = values[b * size + i] >= threshold ? 1 : 0;
    thin(ink, side);
    for (let i = 0; i < size; i++) out[b * size + i] = ink[i] ? 1 : -1;
  }
  return out;
}
