// The page's side of hosting anywhere (docs/hosting.md): registers the service worker, reloads once
// into it when the host sends no isolation headers, and keeps what the status line says about
// threads, offline use and updates. The service worker itself is src/offline/serviceWorker.ts.
import { create } from 'zustand';
import type { DatasetName } from '../../shared/protocol';
import { useApp } from '../state/store';
import { DATA_CACHE } from '../../shared/offline/manifest';

export type OfflineState = 'dev' | 'unsupported' | 'installing' | 'ready' | 'failed';

export interface HostingState {
  /** Why WASM threads are off (the page is not cross-origin isolated), or null when they can run. */
  threadsOff: string | null;
  offline: OfflineState;
  /** Why the app is not available offline, when `offline` is 'failed'. */
  offlineDetail: string;
  /** Bytes of the precache downloaded so far, while installing. */
  precache: { done: number; total: number } | null;
  /** The build the service worker serves. */
  version: string | null;
  updateReady: boolean;
  online: boolean;
  /** Bytes kept for offline use per data set; absent: not downloaded on this device yet. */
  datasets: Partial<Record<DatasetName, number>>;
}

export const useHosting = create<HostingState>(() => ({
  threadsOff: null,
  offline: 'dev',
  offlineDetail: '',
  precache: null,
  version: null,
  updateReady: false,
  online: navigator.onLine,
  datasets: {},
}));

/**
 * The big downloads under way, per file, from the training worker's "Loading <file>: 3.1 / 47.0 MB"
 * progress lines (other progress lines come in between, so each bar is kept until loading ends).
 */
export const useDownloads = create<Record<string, { value: number; max: number }>>(() => ({}));
useApp.subscribe((s, prev) => {
  const m = s.progress !== prev.progress ? /^Loading (\S+): (\d+(?:\.\d+)?) \/ (\d+(?:\.\d+)?) MB/.exec(s.progress) : null;
  if (m) useDownloads.setState({ [m[1]]: { value: Number(m[2]), max: Number(m[3]) } });
  if (s.status !== 'loading' && prev.status === 'loading') useDownloads.setState({}, true);
});

const BASE = import.meta.env.BASE_URL;
/** Set before the one reload into the service worker, so a browser that still will not isolate does not loop. */
const RELOADED = 'ganvas.isolationReload';
const NO_HEADERS = 'the host sends no cross-origin isolation headers (COOP/COEP, see docs/hosting.md)';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Sums the cached data files per data set (`<base>data/<dataset>/<file>`). */
export async function refreshDatasets(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(DATA_CACHE);
  const datasets: HostingState['datasets'] = {};
  for (const req of await cache.keys()) {
    const m = /\/data\/([^/]+)\/[^/]+$/.exec(new URL(req.url).pathname);
    const res = m ? await cache.match(req) : undefined;
    if (!m || !res) continue;
    const name = m[1] as DatasetName;
    datasets[name] = (datasets[name] ?? 0) + Number(res.headers.get('content-length') ?? 0);
  }
  useHosting.setState({ datasets });
}

/** Resolves with the worker once it is active, or null when it failed to install. */
function activated(reg: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (reg.active) return Promise.resolve(reg.active);
  const w = reg.installing ?? reg.waiting;
  if (!w) return Promise.resolve(null);
  return new Promise((resolve) => {
    w.addEventListener('statechange', () => {
      if (w.state === 'activated') resolve(w);
      if (w.state === 'redundant') resolve(null);
    });
  });
}

/** Keeps the offline and update state current for the life of the page. */
function watchRegistration(reg: ServiceWorkerRegistration): void {
  const set = useHosting.setState;
  const controlled = () => navigator.serviceWorker.controller !== null;
  const onInstalled = (w: ServiceWorker) => {
    if (w.state === 'installed' && controlled()) set({ updateReady: true });
    if (w.state === 'redundant' && !reg.active) set({ offline: 'failed', offlineDetail: 'the offline copy could not be saved (a file failed to download)' });
  };
  const track = (w: ServiceWorker | null) => {
    if (!w) return;
    w.addEventListener('statechange', () => onInstalled(w));
    onInstalled(w);
  };
  reg.addEventListener('updatefound', () => track(reg.installing));
  track(reg.installing);
  track(reg.waiting);
  set({ offline: reg.active ? 'ready' : 'installing' });
  void activated(reg).then((w) => {
    if (!w) return;
    set({ offline: 'ready', precache: null });
    w.postMessage({ type: 'ganvas-version' });
  });
  if (navigator.onLine) reg.update().catch(() => undefined); // offline or the host is gone: keep this version
}

function listen(): void {
  const set = useHosting.setState;
  addEventListener('online', () => set({ online: true }));
  addEventListener('offline', () => set({ online: false }));
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as { type?: string; version?: string; done?: number; total?: number };
    if (m.type === 'ganvas-version') set({ version: m.version ?? null });
    if (m.type === 'ganvas-precache' && m.done !== undefined && m.total !== undefined && useHosting.getState().offline === 'installing') {
      set({ precache: { done: m.done, total: m.total } });
    }
  });
  // The data sets are cached by the training worker as it loads them.
  useApp.subscribe((s, prev) => {
    if (s.status !== prev.status) refreshDatasets().catch(() => undefined);
  });
}

/** Resolves once the app has left its first 'loading' state (data in, networks built, or an error). */
function loaded(): Promise<void> {
  return new Promise((resolve) => {
    if (useApp.getState().status !== 'loading') return resolve();
    const stop = useApp.subscribe((s) => {
      if (s.status === 'loading') return;
      stop();
      resolve();
    });
  });
}

async function register(): Promise<ServiceWorkerRegistration | null> {
  listen();
  refreshDatasets().catch(() => undefined);
  try {
    const reg = (await navigator.serviceWorker.register(`${BASE}sw.js`, { scope: BASE, updateViaCache: 'none' })) as ServiceWorkerRegistration | undefined;
    // A browser (or an extension, or a test harness) that blocks service workers may resolve with nothing.
    if (!reg) throw new Error('the browser did not register it (service workers blocked)');
    watchRegistration(reg);
    return reg;
  } catch (e) {
    const threadsOff = crossOriginIsolated ? null : `${NO_HEADERS} and the service worker failed: ${errorText(e)}`;
    useHosting.setState({ offline: 'failed', offlineDetail: errorText(e), threadsOff });
    return null;
  }
}

/**
 * Registers the service worker (built app only) and makes the page cross-origin isolated where the
 * host cannot. Resolves false when the page is about to reload into the service worker: start nothing.
 */
export async function setUpHosting(): Promise<boolean> {
  const set = useHosting.setState;
  if (!import.meta.env.PROD) {
    set({ threadsOff: crossOriginIsolated ? null : NO_HEADERS });
    return true;
  }
  // Absent outside https:// and localhost, and where the browser or its owner turned service workers off.
  if (!navigator.serviceWorker) {
    const why = `${NO_HEADERS} and no service worker can add them here (they need https:// or localhost, and can be turned off)`;
    set({ offline: 'unsupported', threadsOff: crossOriginIsolated ? null : why });
    return true;
  }
  if (crossOriginIsolated) {
    sessionStorage.removeItem(RELOADED);
    // The app starts at once; the offline copy is saved once the data set is in, so on a slow
    // link the two downloads do not share it.
    void loaded().then(register);
    return true;
  }
  const reg = await register();
  if (!reg) return true;
  if (sessionStorage.getItem(RELOADED)) {
    set({ threadsOff: `${NO_HEADERS} and this browser did not accept them from the service worker` });
    return true;
  }
  if (!(await activated(reg))) {
    set({ threadsOff: `${NO_HEADERS} and the service worker that adds them could not install` });
    return true;
  }
  sessionStorage.setItem(RELOADED, '1');
  location.reload();
  return false;
}

/**
 * The 2D lab's hosting: it needs neither threads nor a data set, so the offline copy is saved at
 * once (built app only) and the page never reloads for isolation.
 */
export function setUpLabHosting(): void {
  if (import.meta.env.PROD && navigator.serviceWorker) void register();
}

/** Moves to the waiting version: it takes over, and the page reloads once it controls the page. */
export async function reloadIntoUpdate(): Promise<void> {
  const reg = await navigator.serviceWorker.getRegistration(BASE);
  if (!reg?.waiting) return location.reload();
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  reg.waiting.postMessage({ type: 'ganvas-skip-waiting' });
}
