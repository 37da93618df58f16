import { buildGeneratorZip, generatorFileName } from '../../shared/formats/generatorZip';
import type { ExportMeta } from '../../shared/protocol';

/** Saves a Blob as a file through a temporary link (the only way from a page). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A generator download, zipped on the page from what the worker exported. */
export function saveGenerator(modelJson: string, weights: ArrayBuffer, meta: ExportMeta): void {
  const zip = buildGeneratorZip(modelJson, weights, meta);
  saveBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), generatorFileName(meta));
}

/** A run file the worker packed. */
export function saveRunFile(bytes: ArrayBuffer, fileName: string): void {
  saveBlob(new Blob([bytes], { type: 'application/zip' }), fileName);
}
