// What the browser tests share: opening the app and reading what a user sees.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { launch, startPreview, watch, type App, type Watched } from '../../scripts/browser';
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

export const originOf = (app: App) => app.url.replace(/\/$/, '');

/** Waits until Train can be pressed (data loaded, backend chosen, networks built). */
export const trainEnabled = (page: Page) =>
  page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000 });

/** Every page the tests open, checked and forgotten after each test. */
let watched: { page: Page; seen: Watched }[] = [];
/** Errors the running test provokes on purpose (a fault, a refused file): the check lets these through. */
let allowed: RegExp[] = [];

/** Lets errors matching these through the after-each check, for this test only: where an error is the point of the test. */
export function allowErrors(...patterns: RegExp[]): void {
  allowed.push(...patterns);
}

/** Watches a page for console errors and foreign requests; after the test, any it saw fail the test. openApp does this for its pages. */
export function watchPage(page: Page, app: App): Watched {
  const seen = watch(page, originOf(app));
  watched.push({ page, seen });
  return seen;
}

// One check for every browser test (registered by importing this file): no page it opened
// sent a request off the app's origin or logged an error it did not allow.
afterEach(() => {
  const [pages, allow] = [watched, allowed];
  watched = [];
  allowed = [];
  for (const { page, seen } of pages) {
    const where = page.isClosed() ? 'a page' : page.url();
    assert.deepEqual(seen.foreignRequests, [], `requests off the app's origin from ${where}`);
    assert.deepEqual(seen.errors.filter((e) => !allow.some((re) => re.test(e))), [], `errors in ${where}`);
  }
});

/** The app in a new context (its own IndexedDB) or in a given one, watched for errors and foreign requests. */
export async function openApp(browser: Browser, app: App, query = '', context?: BrowserContext): Promise<{ page: Page; seen: Watched }> {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const seen = watchPage(page, app);
  await page.goto(app.url + query);
  await trainEnabled(page);
  return { page, seen };
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
  const violations = async () => [
    ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
    ...consoleLines,
  ];
  return { page, seen, violations };
}
