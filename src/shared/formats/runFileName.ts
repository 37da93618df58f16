import type { RunConfig } from '../protocol';

/** Default file name of an exported run (the page names set-aside runs' downloads the same way). */
export function runFileName(meta: { config: Pick<RunConfig, 'model' | 'dataset'>; step: number }): string {
  return `ganvas-${meta.config.model}-${meta.config.dataset}-step${meta.step}.ganvas.zip`;
}
