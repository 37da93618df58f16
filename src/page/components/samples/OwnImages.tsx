import { useState, type DragEvent } from 'react';
import { megabytes } from '../../lib/timeAgo';
import { MAX_FILE_BYTES } from '../../../shared/commands';
import type { SkippedFile } from '../../../shared/protocol';
import { loadOwnImages } from '../../actions/run';
import { MAX_IMAGE_BYTES, RUN_IMAGES_MAX } from '../../../shared/limits/imageLimits';
import { GridCanvas } from './GridCanvas';
import { useOwnImages } from '../../state/ownImagesStore';

const isZipName = (name: string) => /\.zip$/i.test(name);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/** Every file under a dropped folder (the entries API hands out directories in batches). */
async function filesOf(entry: FileSystemEntry, path = ''): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [new File([file], path + file.name, { type: file.type })];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: File[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return out;
    for (const e of batch) out.push(...(await filesOf(e, `${path}${entry.name}/`)));
  }
}

/** Reads what can be used and lists what cannot, without reading files too big to be an image. */
async function send(files: File[]): Promise<void> {
  const skipped: SkippedFile[] = [];
  const picked: { name: string; bytes: ArrayBuffer }[] = [];
  for (const f of files) {
    const cap = isZipName(f.name) ? MAX_FILE_BYTES : MAX_IMAGE_BYTES;
    if (f.size > cap) skipped.push({ name: f.name, reason: `is ${mb(f.size)}; ${isZipName(f.name) ? 'a zip' : 'an image'} may be at most ${mb(cap)}` });
    else picked.push({ name: f.name, bytes: await f.arrayBuffer() });
  }
  loadOwnImages(picked, skipped);
}

/** "Your images": drop a folder or a zip of PNG/JPEG images to train on them. */
export function OwnImages() {
  const own = useOwnImages((s) => s.ownImages);
  const busy = useOwnImages((s) => s.busy);
  const [over, setOver] = useState(false);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x !== null);
    const files = entries.length ? (await Promise.all(entries.map((x) => filesOf(x)))).flat() : [...e.dataTransfer.files];
    await send(files);
  };
  const onPick = (list: FileList | null) => list && void send([...list]);

  return (
    <section className="own-images" aria-label="Your images">
      <h2>Your images</h2>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
        data-testid="drop-zone"
      >
        <p className="small">
          Drop a folder or a zip of PNG/JPEG images here ({'≥'} 64 images, each {'≤'} 20 MB). They become 28×28 grayscale.
        </p>
        <div className="file-buttons">
          <label className="file-button">
            Choose images…
            <input type="file" multiple accept="image/png,image/jpeg,.zip,application/zip" onChange={(e) => onPick(e.target.files)} />
          </label>
          <label className="file-button">
            Choose a folder…
            <input type="file" {...{ webkitdirectory: '' }} onChange={(e) => onPick(e.target.files)} />
          </label>
        </div>
      </div>
      {busy && (
        <p className="small" role="status">
          Reading images…
        </p>
      )}
      {own && !busy && (
        <div data-testid="own-images">
          <GridCanvas grid={own.preview} scale={1} aria-label={`The first of your ${own.count} images`} role="img" />
          <p className="small" role="status">
            {own.count.toLocaleString()} images ready{own.inverted ? ` (${own.inverted.toLocaleString()} dark-on-light turned light-on-dark, like MNIST)` : ''}.
            Pick “Your images” under Data to train on them.
          </p>
          <p className="small muted" data-testid="own-images-in-runs">
            {own.count <= RUN_IMAGES_MAX
              ? `Runs on them keep them in their saves and run files (+${megabytes(own.count * 784)}), so they resume anywhere.`
              : `Over ${RUN_IMAGES_MAX.toLocaleString()} images (${megabytes(RUN_IMAGES_MAX * 784)}): runs on them save without them, and resuming needs them dropped again.`}
          </p>
          {own.skipped.length > 0 && (
            <details>
              <summary>{own.skipped.length.toLocaleString()} files skipped</summary>
              <ul className="skipped small">
                {own.skipped.slice(0, 50).map((s) => (
                  <li key={s.name}>
                    {s.name} {s.reason}
                  </li>
                ))}
                {own.skipped.length > 50 && <li>… and {own.skipped.length - 50} more</li>}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
