import { create } from 'zustand';
import type { RgbaImage, SkippedFile, WorkerEvent } from '../../shared/protocol';
import { notify } from './noticesStore';

interface OwnImagesState {
  /** Your images, decoded in the worker and ready for a Reset on them. */
  ownImages: { count: number; inverted: number; skipped: SkippedFile[]; preview: RgbaImage } | null;
  /** The worker is decoding a drop. */
  busy: boolean;
}

export const useOwnImages = create<OwnImagesState>()(() => ({ ownImages: null, busy: false }));

/** The first few skipped files in a sentence (the notice stays short; the panel lists them all). */
function describeSkipped(skipped: SkippedFile[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${s.name} ${s.reason}`);
  return shown.join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more.` : '.');
}

/** The worker's answer to a drop of images: decoded, or refused with why. */
export function applyOwnImages(event: Extract<WorkerEvent, { type: 'imagesLoaded' | 'imagesRefused' }>): void {
  if (event.type === 'imagesLoaded') {
    const { count, inverted, skipped, preview } = event;
    return useOwnImages.setState({ ownImages: { count, inverted, skipped, preview }, busy: false });
  }
  useOwnImages.setState({ busy: false });
  notify('error', `${event.message}${event.skipped.length ? ` Skipped: ${describeSkipped(event.skipped)}` : ''}`);
}
