import { create } from 'zustand';
import type { ExportMeta, WorkerEvent } from '../../shared/protocol';
import type { GridImage } from './store';

/** An opened generator download, shown on its own beside the run (null when none is open). */
export interface Viewer {
  fileName: string;
  meta: ExportMeta;
  seed: number;
  grid: GridImage | null;
}

export const useViewer = create<{ viewer: Viewer | null }>()(() => ({ viewer: null }));

/** The opened generator's events: opened, and each new set of samples. */
export function applyViewer(event: Extract<WorkerEvent, { type: 'generatorOpened' | 'generated' }>): void {
  if (event.type === 'generatorOpened') return useViewer.setState({ viewer: { fileName: event.fileName, meta: event.meta, seed: 1, grid: null } });
  const viewer = useViewer.getState().viewer;
  if (!viewer) return;
  const grid = { step: viewer.meta.step, width: event.width, height: event.height, pixels: event.pixels };
  useViewer.setState({ viewer: { ...viewer, seed: event.seed, grid } });
}
