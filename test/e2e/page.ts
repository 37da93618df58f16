// What the browser tests share: opening the app and reading what a user sees.
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, startPreview, watch, type App, type Watched } from '../../scripts/browser';

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

/** The app in a new context (its own IndexedDB) or in a given one, watched for errors and foreign requests. */
export async function openApp(browser: Browser, app: App, query = '', context?: BrowserContext): Promise<{ page: Page; seen: Watched }> {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const seen = watch(page, originOf(app));
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

export async function waitFor(page: Page, what: string, pred: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}
