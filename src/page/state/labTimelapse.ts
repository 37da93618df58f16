import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import { Timelapse, TIMELAPSE_MAX_FRAMES } from '../../shared/formats/timelapse';

/** Side of one canvas's picture in the timelapse, pixels (~160 kB of RGBA each). */
export const SHOT = 200;
/** The lab trains ~100x faster than digits: a picture every 100 steps to start with, then thinned as digits' is. */
const FIRST_EVERY = 100;

/** The lab's canvases kept as pictures through the run (A and B side by side in one picture). */
export const labTimelapse = new Timelapse<Uint8ClampedArray>(TIMELAPSE_MAX_FRAMES, FIRST_EVERY);
let scratch: CanvasRenderingContext2D | null = null;

/** Keeps a picture of `canvases` at `step` when one is due; whether it did. */
export function captureLab(step: number, canvases: HTMLCanvasElement[]): boolean {
  if (!canvases.length || !labTimelapse.due(step)) return false;
  const [width, height] = [SHOT * canvases.length, SHOT];
  if (labTimelapse.frames.length && labTimelapse.width !== width) labTimelapse.clear();
  scratch ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!scratch) return false;
  Object.assign(scratch.canvas, { width, height });
  canvases.forEach((c, i) => scratch?.drawImage(c, i * SHOT, 0, SHOT, SHOT));
  labTimelapse.add(step, scratch.getImageData(0, 0, width, height).data, width, height);
  return true;
}

const nextTask = () => new Promise((done) => setTimeout(done, 0));

/**
 * The timelapse as an animated GIF: one palette of 256 colours for the whole
 * film (quantised from its first, middle and last pictures, so colours do
 * not flicker between frames), one frame per task so the page stays responsive.
 */
export async function labTimelapseGif(t: Timelapse<Uint8ClampedArray>, frameMs = 100): Promise<Uint8Array> {
  const frames = t.frames.slice();
  if (!frames.length) throw new Error('the timelapse has no pictures yet: train for a few steps first');
  const picks = [frames[0], frames[Math.floor(frames.length / 2)], frames[frames.length - 1]];
  const sample = new Uint8ClampedArray(picks.length * picks[0].pixels.length);
  picks.forEach((f, i) => sample.set(f.pixels, i * f.pixels.length));
  const palette = quantize(sample, 256);
  const gif = GIFEncoder();
  for (const [i, f] of frames.entries()) {
    await nextTask();
    const last = i === frames.length - 1;
    gif.writeFrame(applyPalette(f.pixels, palette), t.width, t.height, { palette, delay: last ? 1000 : frameMs, ...(i === 0 ? { repeat: 0 } : {}) });
  }
  gif.finish();
  return gif.bytes();
}
