// What the browser tests share: opening the app and reading what a user sees.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request, type Worker } from 'playwright-core';
import { launch as launchChromium, startPreview, type App, type Watched } from '../../scripts/browser';
import type { StateDigest } from '../../src/shared/protocol';

/** A test file's app (the built one, via vite preview) and browser: started before its tests, stopped after. */
export function setUpBrowser(ready: (app: App, browser: Browser) => void, chromiumArgs: string[] = []): void {
  let app: App | undefined;
  let browser: Browser | undefined;
  before(async () => {
    app = await startPreview();
    browser = await launch(chromiumArgs);
    ready(app, browser);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });
}

/**
 * Every page of every browser the tests start, watched from its creation: what each saw since the
 * last check. Browsers come only from `launch` / `connect` below (the linter refuses playwright's
 * own launchers in tests), so no page can escape the after-each check.
 */
const pages = new Map<Page, Watched>();

/** Chromium for a test, every page of it watched for console errors and requests off its origin. */
export async function launch(chromiumArgs: string[] = []): Promise<Browser> {
  return watchBrowser(await launchChromium(chromiumArgs));
}

/** A running Chromium reached through its DevTools port, watched like `launch`'s. */
export async function connect(cdpUrl: string): Promise<Browser> {
  return watchBrowser(await chromium.connectOverCDP(cdpUrl, { noDefaults: true }));
}

function watchBrowser(browser: Browser): Browser {
  browser.contexts().forEach(watchContext);
  const newContext = browser.newContext.bind(browser);
  // browser.newPage goes through newContext too.
  browser.newContext = async (options) => watchContext(await newContext(options));
  return browser;
}

function watchContext(context: BrowserContext): BrowserContext {
  context.pages().forEach(track);
  context.on('page', track);
  return context;
}

function track(page: Page): void {
  if (pages.has(page)) return;
  const w: Watched = { errors: [], foreignRequests: [] };
  page.on('console', (m) => m.type() === 'error' && w.errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && w.errors.push(`HTTP ${r.status()} ${r.url()}`));
  page.on('request', (r) => isForeign(page, r) && w.foreignRequests.push(r.url()));
  pages.set(page, w);
}

/** A request off the origin the page is on (the test's own navigations choose the origin). */
function isForeign(page: Page, r: Request): boolean {
  const url = r.url();
  if (url.startsWith('blob:') || url.startsWith('data:')) return false;
  try {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) return false;
  } catch {
    // a service worker's request has no frame: judged by the page's origin below
  }
  return new URL(url).origin !== new URL(page.url()).origin;
}

/** Waits until Train can be pressed (data loaded, backend chosen, networks built). */
export const trainEnabled = (page: Page) =>
  page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000 });

/** Errors the running test provokes on purpose (a fault, a refused file): the check lets these through. */
let allowed: RegExp[] = [];

/** Lets errors matching these through the after-each check, for this test only: where an error is the point of the test. */
export function allowErrors(...patterns: RegExp[]): void {
  allowed.push(...patterns);
}

/** What a page has seen since the last check (every page is watched from its creation; this only reads it). */
function watchPage(page: Page): Watched {
  const seen = pages.get(page);
  assert.ok(seen, `${page.url()} is a page of a browser the harness did not start: use launch() from test/e2e/page.ts`);
  return seen;
}

// One check for every browser test (registered by importing this file): no page open during the
// test, or closed in it, sent a request off its origin or logged an error the test did not allow.
afterEach(() => {
  const allow = allowed;
  allowed = [];
  const failures: string[] = [];
  for (const [page, seen] of pages) {
    const where = page.isClosed() ? 'a closed page' : page.url();
    const errors = seen.errors.filter((e) => !allow.some((re) => re.test(e)));
    if (seen.foreignRequests.length) failures.push(`requests off the origin from ${where}:\n  ${seen.foreignRequests.join('\n  ')}`);
    if (errors.length) failures.push(`errors in ${where}:\n  ${errors.join('\n  ')}`);
    seen.errors.length = 0;
    seen.foreignRequests.length = 0;
    if (page.isClosed()) pages.delete(page);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

/** The app in a new context (its own IndexedDB) or in a given one, watched for errors and foreign requests. */
export async function openApp(browser: Browser, app: App, query = '', context?: BrowserContext): Promise<{ page: Page; seen: Watched }> {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const seen = watchPage(page);
  await page.goto(app.url + query);
  await trainEnabled(page);
  return { page, seen };
}

/** Where `npm run shots` puts the docs' pictures; unset under `npm test`, which writes no tracked file. */
const SHOTS = process.env.GANVAS_SHOTS;

/** A picture of a page or an element for docs/img: taken only by `npm run shots`. */
export async function shot(target: Page | Locator, file: string, fullPage = false): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path: `${SHOTS}/${file}`, ...(fullPage ? { fullPage } : {}) });
}

export const stepOf = async (page: Page) => Number((await page.getByTestId('stat-step').textContent())?.replace(/,/g, ''));
export const pointsOf = async (page: Page) => Number(await page.locator('.charts').getAttribute('data-points'));

/** A cheap fingerprint of a grid canvas's pixels. */
export const gridHash = (page: Page, selector = 'section.samples canvas.grid-canvas') =>
  page.evaluate((sel) => {
    const c = document.querySelector(sel) as HTMLCanvasElement;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let h = 0;
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i]) | 0;
    return h;
  }, selector);

declare global {
  interface Window {
    ganvasSteps(n: number): void;
    ganvasMeasureQuality(): void;
    ganvasState(): Promise<StateDigest>;
  }
}

/**
 * Exactly `target` steps in all on a paused run (the Step command, `chunk` <= 1000 at a time, so the
 * counter moves as they finish; needs `?faults`): budgets in steps, not seconds.
 */
export async function stepTo(page: Page, target: number, ms: number, chunk = 1000): Promise<void> {
  for (let at = await stepOf(page); at < target; at += Math.min(chunk, target - at)) {
    await page.evaluate((k) => window.ganvasSteps(k), Math.min(chunk, target - at));
  }
  await waitFor(page, `step ${target}`, async () => (await stepOf(page)) === target, ms);
}

/** The worker's training state as digests (needs `?faults`). */
export const stateOf = (page: Page) => page.evaluate(() => window.ganvasState());

export async function waitFor(page: Page, what: string, pred: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

export const CSP_TEXT = /Content Security Policy/i;

export interface Opened {
  page: Page;
  seen: Watched;
  /** securitypolicyviolation events in the page and in every worker, and console lines about the CSP. */
  violations: () => Promise<string[]>;
}

// In a worker a violation is an event on the worker's own global; report it on its console, which reaches us.
const listenInWorker = (w: Worker) =>
  w
    .evaluate(() =>
      self.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation in a worker: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    )
    .catch(() => undefined); // a pthread worker may already be gone

/** openApp, with everything that could report a CSP violation watched from before the first byte. */
export async function openWatched(browser: Browser, app: App, query = '', context?: BrowserContext): Promise<Opened> {
  const ctx: BrowserContext = context ?? (await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const consoleLines: string[] = [];
  ctx.on('console', (m) => CSP_TEXT.test(m.text()) && consoleLines.push(`console ${m.type()}: ${m.text()}`));
  ctx.on('page', (p) => p.on('worker', listenInWorker));
  await ctx.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    window.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const opened = await openApp(browser, app, query, ctx).catch((e: Error) => {
    throw new Error(`${e.message}\nCSP reports so far:\n${consoleLines.join('\n') || 'none'}`);
  });
  const { page, seen } = opened;
  const violations = async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...consoleLines];
  return { page, seen, violations };
}
