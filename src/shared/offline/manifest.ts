// What the build tells the service worker (vite/offline.ts writes it into dist/sw.js), and the
// cache names the page and the training worker share with it. No tfjs, no DOM: shared by all.

/** Every cache ganvas owns starts with this; the service worker deletes the ones it no longer uses. */
export const CACHE_PREFIX = 'ganvas-';

/**
 * Where the training worker keeps each data set after its first download. Not tied to the app's
 * version (the files never change), so an update does not download 110 MB again; bump the number
 * if the data files ever change.
 */
export const DATA_CACHE = `${CACHE_PREFIX}data-1`;

export interface OfflineManifest {
  /** Changes whenever any precached file changes: names the app cache. */
  version: string;
  cachePrefix: string;
  dataCache: string;
  /** Paths relative to the service worker's scope (the build's base), with their sizes. */
  files: { path: string; bytes: number }[];
  /** Sent with every response the service worker serves. */
  headers: Record<string, string>;
}
