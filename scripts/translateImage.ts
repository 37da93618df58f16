// An application's generator (super-resolution, sketch to digit, domain
// transfer) run on one PNG in Node: `scripts/generate.ts <zip> --input in.png`.
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { loadGeneratorZip } from '../src/engine/export/export';
import { skeletonOf } from '../src/engine/tasks/sketch/skeleton';
import { TASK_LABELS } from '../src/shared/tasks';

/** A PNG's pixels as gray bytes (luminance; transparent counts as black paper). */
function grayOf(png: PNG): Uint8Array {
  const out = new Uint8Array(png.width * png.height);
  for (let i = 0; i < out.length; i++) {
    const [r, g, b, a] = png.data.subarray(i * 4, i * 4 + 4);
    out[i] = Math.round(((0.299 * r + 0.587 * g + 0.114 * b) * a) / 255);
  }
  return out;
}

/** Gray images side by side (each scaled to `side` by repeating pixels), as one PNG scaled by `scale`. */
function sideBySide(images: { gray: ArrayLike<number>; side: number }[], side: number, scale: number): Buffer {
  const png = new PNG({ width: images.length * side * scale, height: side * scale });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const img = images[Math.floor(x / (side * scale))];
      const f = side / img.side;
      const v = img.gray[Math.floor(Math.floor(y / scale) / f) * img.side + Math.floor(((x / scale) % side) / f)];
      png.data.set([v, v, v, 255], (y * png.width + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/**
 * Runs the generator in `zip` on the image in `input` (a PNG of its input's
 * size, light strokes on dark as the data sets are): a PNG of what it was
 * given and what it made, side by side.
 */
export async function translatePng(zip: Uint8Array, input: Uint8Array, scale: number): Promise<{ png: Buffer; what: string }> {
  const { model, meta } = await loadGeneratorZip(zip);
  try {
    if (!meta.task || !meta.inputShape)
      throw new Error(`--input is for the applications' generators; this one makes digits from noise (use --side and --seed)`);
    let png: PNG;
    try {
      png = PNG.sync.read(Buffer.from(input));
    } catch {
      throw new Error('--input is not a PNG image');
    }
    const [h, w] = meta.inputShape;
    if (png.width !== w || png.height !== h)
      throw new Error(`--input is ${png.width}x${png.height}; this ${TASK_LABELS[meta.task]} generator takes ${w}x${h} images`);
    let gray = grayOf(png);
    // The generator learnt from one-pixel strokes: a drawing is thinned the same way first.
    if (meta.task === 'sketch') gray = skeletonOf(gray, w).map((s) => s * 255);
    const made = tf.tidy(() =>
      tf.clipByValue(
        model.predict(
          tf.tensor4d(
            Float32Array.from(gray, (v) => v / 127.5 - 1),
            [1, h, w, 1],
          ),
        ) as tf.Tensor,
        -1,
        1,
      ),
    );
    const out = Uint8Array.from(await made.data(), (v) => Math.round((v + 1) * 127.5));
    made.dispose();
    const side = meta.outputShape?.[0] ?? 28;
    return {
      png: sideBySide(
        [
          { gray, side: w },
          { gray: out, side },
        ],
        side,
        scale,
      ),
      what: `${TASK_LABELS[meta.task]} at step ${meta.step}`,
    };
  } finally {
    model.dispose();
  }
}
