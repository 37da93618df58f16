// Keeps each data set on the device after its first download, so the app trains offline
// (docs/hosting.md). The training worker does this itself, not the service worker, so a data set
// fetched before the service worker took over the page is kept too.
import { DATA_CACHE } from '../shared/offline/manifest';

const available = () => typeof caches !== 'undefined';

/** The kept copy of `url`, or undefined. */
export async function cachedResponse(url: string): Promise<Response | undefined> {
  if (!available()) return undefined;
  return (await caches.open(DATA_CACHE)).match(new URL(url, location.href).href);
}

/** Keeps `bytes` as `url`'s copy unless one is kept (call it once the file parsed). A full disk only costs the offline copy. */
export async function keep(url: string, bytes: Uint8Array): Promise<void> {
  if (!available()) return;
  const cache = await caches.open(DATA_CACHE);
  const key = new URL(url, location.href).href;
  if (await cache.match(key)) return;
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) };
  await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers })).catch(() => undefined);
}
