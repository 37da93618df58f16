// ganvas's service worker: built on its own by vite/offline.ts into dist/sw.js (no imports, classic script).
// It does two jobs on any static host:
// - cross-origin isolation (the coi-serviceworker technique): every response it serves carries
//   COOP/COEP/CORP and the app's CSP, so a host that sends no headers (GitHub Pages) still gets
//   WASM threads after the page's one reload (src/page/offline/hosting.ts);
// - offline: the app shell, workers, wasm and reference classifiers are precached at install,
//   in a cache named after the build's version; data sets are cached by the worker that loads them
//   (src/worker/dataLoader.ts), in a cache this worker serves from and keeps.
import type { OfflineManifest } from '../shared/offline/manifest';

// Replaced by vite/offline.ts with the build's manifest (a JSON object literal).
const MANIFEST = '__GANVAS_OFFLINE_MANIFEST__' as unknown as OfflineManifest;

// The few service-worker types we use (the project compiles against the DOM library, not WebWorker).
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface Client {
  postMessage(m: unknown): void;
}
interface Scope {
  registration: { scope: string; active: unknown };
  clients: { matchAll(o: { includeUncontrolled: boolean }): Promise<Client[]> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', h: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', h: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', h: (e: MessageEvent) => void): void;
}
const sw = self as unknown as Scope;

const APP_CACHE = `${MANIFEST.cachePrefix}app-${MANIFEST.version}`;
const scopeUrl = () => sw.registration.scope;
const url = (file: string) => new URL(file, scopeUrl()).href;

async function tell(message: unknown): Promise<void> {
  for (const c of await sw.clients.matchAll({ includeUncontrolled: true })) c.postMessage(message);
}

/** Fetches every precached file (bypassing the HTTP cache) and reports progress to the pages. */
async function precache(): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  const total = MANIFEST.files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  const queue = [...MANIFEST.files];
  const fetchNext = async (): Promise<void> => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const res = await fetch(new Request(url(f.path), { cache: 'no-cache' }));
      if (!res.ok) throw new Error(`${f.path}: HTTP ${res.status}`);
      await cache.put(url(f.path), res);
      done += f.bytes;
      await tell({ type: 'ganvas-precache', version: MANIFEST.version, done, total });
    }
  };
  await Promise.all([fetchNext(), fetchNext(), fetchNext(), fetchNext()]);
}

sw.addEventListener('install', (e) => {
  e.waitUntil(
    (async () => {
      await precache();
      // The first install takes over at once (the page reloads into it for isolation); an update
      // waits until the page asks, so one page never mixes two versions' files.
      if (!sw.registration.active) await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (e) => {
  const keep = new Set([APP_CACHE, MANIFEST.dataCache]);
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(MANIFEST.cachePrefix) && !keep.has(name)) await caches.delete(name);
    })(),
  );
});

sw.addEventListener('message', (e) => {
  const data = e.data as { type?: string } | null;
  if (data?.type === 'ganvas-skip-waiting') void sw.skipWaiting();
  if (data?.type === 'ganvas-version') (e.source as Client | null)?.postMessage({ type: 'ganvas-version', version: MANIFEST.version });
});

/** The response with the isolation and CSP headers a static host may not send. */
function withHeaders(res: Response): Response {
  if (res.status === 0) return res; // opaque: nothing to add, and nothing the app asks for
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(MANIFEST.headers)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** Which cached entry answers `req`: the precached shell for the scope's page, else the URL itself. */
function cacheKey(req: Request): string {
  const u = new URL(req.url);
  const page = u.origin + u.pathname;
  return req.mode === 'navigate' && (page === scopeUrl() || page === url('index.html')) ? scopeUrl() : req.url;
}

async function respond(req: Request): Promise<Response> {
  const key = cacheKey(req);
  const cached = (await caches.match(key, { cacheName: APP_CACHE })) ?? (await caches.match(key, { cacheName: MANIFEST.dataCache }));
  if (cached) return withHeaders(cached);
  return withHeaders(await fetch(req));
}

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  // Only our own origin's GETs; anything else (there should be none) goes to the browser untouched.
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin || new URL(req.url).pathname === new URL(url('sw.js')).pathname) return;
  e.respondWith(respond(req));
});
