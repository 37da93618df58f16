import { GIFEncoder } from 'gifenc';

/** A kept picture: by default one gray byte per pixel, 0..255 (the 2D lab keeps RGBA). */
export interface TimelapseFrame<P = Uint8Array> {
  step: number;
  pixels: P;
}

export const TIMELAPSE_MAX_FRAMES = 120;
export const TIMELAPSE_FIRST_EVERY = 10;

/**
 * The fixed-noise grid kept every `every` steps, in bounded memory: when full,
 * every other frame goes (the first and the last always stay) and `every`
 * doubles, so a long run keeps an even record of its whole history.
 * The worker keeps one to encode the GIF; the page mirrors it frame by frame
 * (the same pushes thin the same way) to scrub without asking the worker.
 */
export class Timelapse<P = Uint8Array> {
  frames: TimelapseFrame<P>[] = [];
  every: number;
  width = 0;
  height = 0;

  constructor(
    readonly maxFrames = TIMELAPSE_MAX_FRAMES,
    readonly firstEvery = TIMELAPSE_FIRST_EVERY,
  ) {
    this.every = firstEvery;
  }

  /** Whether a grid at `step` belongs in the timelapse (the first always does). */
  due(step: number): boolean {
    const last = this.frames.at(-1);
    return !last || step >= last.step + this.every;
  }

  add(step: number, pixels: P, width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.frames.push({ step, pixels });
    if (this.frames.length < this.maxFrames) return;
    const n = this.frames.length;
    this.frames = this.frames.filter((_, i) => i % 2 === 0 || i === n - 1);
    this.every *= 2;
  }

  /** After a rollback: frames past `step` show a history that no longer happened. */
  dropAfter(step: number): void {
    this.frames = this.frames.filter((f) => f.step <= step);
  }

  clear(): void {
    this.frames = [];
    this.every = this.firstEvery;
  }
}

/** RGBA grid pixels to one gray byte each (the grid is gray: R = G = B). */
export function grayOf(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4];
  return out;
}

const GRAY_PALETTE = Array.from({ length: 256 }, (_, v) => [v, v, v]);

/**
 * The timelapse as an animated GIF. The frames are gray, so a 256-level gray
 * palette indexes them exactly: no quantising, nothing lost. The last frame
 * holds a second before the loop starts over.
 */
export function timelapseGif(t: Timelapse, frameMs = 100): Uint8Array {
  if (!t.frames.length) throw new Error('the timelapse has no frames yet: train for a few steps first');
  const gif = GIFEncoder();
  t.frames.forEach((f, i) => {
    const last = i === t.frames.length - 1;
    gif.writeFrame(f.pixels, t.width, t.height, { palette: GRAY_PALETTE, delay: last ? 1000 : frameMs, ...(i === 0 ? { repeat: 0 } : {}) });
  });
  gif.finish();
  return gif.bytes();
}
