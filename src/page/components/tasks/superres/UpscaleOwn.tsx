import { useState, type DragEvent } from 'react';
import type { GeneratorSourceName } from '../../../../shared/protocol';
import { usePlay } from '../../../state/playStore';
import { upscale } from '../../../actions/run';
import { GrayCanvas } from '../../samples/GrayCanvas';
import { notify } from '../../../state/noticesStore';

/** Far more than a 28x28 PNG or JPEG needs: anything bigger is not the small image this takes. */
const MAX_BYTES = 1 << 20;
const FULL = 28;

/** The file as gray bytes at its own size, or why it cannot be upscaled (checked here: nothing reaches the worker unchecked). */
async function readSmallImage(file: File, lowSide: number): Promise<{ side: number; pixels: Uint8Array } | string> {
  if (file.size > MAX_BYTES)
    return `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MB: give a small image, ${lowSide}×${lowSide} or ${FULL}×${FULL} pixels`;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return `${file.name} is not an image this browser can read (PNG or JPEG)`;
  }
  const { width, height } = bitmap;
  if (width !== height || (width !== lowSide && width !== FULL)) {
    bitmap.close();
    return `${file.name} is ${width}×${height}: this generator upscales ${lowSide}×${lowSide} images, or ${FULL}×${FULL} ones scaled down first`;
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = width;
  const g = canvas.getContext('2d');
  if (!g) return 'no 2D canvas in this browser';
  g.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = g.getImageData(0, 0, width, width).data;
  const pixels = new Uint8Array(width * width);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
  return { side: width, pixels };
}

/** Super-resolution on your own small image: drop it, and see bicubic's and the generator's upscale. */
export function UpscaleOwn({ lowSide, source }: { lowSide: number; source: GeneratorSourceName }) {
  const upscaled = usePlay((s) => s.upscaled[source]);
  const [over, setOver] = useState(false);
  const take = async (file: File | undefined) => {
    if (!file) return;
    const read = await readSmallImage(file, lowSide);
    if (typeof read === 'string') return notify('error', `Not upscaled: ${read}. Training goes on.`);
    upscale(source, read);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };
  return (
    <div
      className={`upscale-own${over ? ' drop-over' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label>
        Upscale your own image ({lowSide}×{lowSide}, or {FULL}×{FULL} to shrink first; light on dark like the data):{' '}
        <input
          type="file"
          accept="image/png,image/jpeg"
          aria-label={`${source === 'opened' ? 'Opened generator: ' : ''}Upscale your own image`}
          onChange={(e) => void take(e.target.files?.[0])}
        />
      </label>
      {upscaled && (
        <div className="sketch-row" data-request={upscaled.request}>
          {[
            { label: 'input', gray: upscaled.low, side: upscaled.lowSide },
            { label: 'bicubic', gray: upscaled.bicubic, side: FULL },
            { label: `GAN (step ${upscaled.step.toLocaleString()})`, gray: upscaled.output, side: FULL },
          ].map(({ label, gray, side }) => (
            <figure key={label}>
              <GrayCanvas
                gray={gray}
                width={side}
                height={side}
                scale={(4 * FULL) / side}
                aria-label={`${source === 'opened' ? 'Opened generator: ' : ''}Your image: ${label}`}
              />
              <figcaption>{label}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
