// The 2D lab as it ships: no test hooks without `?faults`, the WASM SIMD kernel at work, the way to
// the digits mode and back, and a browser that blocks storage told so in plain words while it trains on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** The step of A's latest measurement, in the stat line under the charts. */
const statStep = async (page: Page) => Number((await page.locator('[data-testid=lab-stats] span').first().getAttribute('data-step')) ?? -1);
/** As a browser that blocks site data does: opening IndexedDB and touching localStorage throw (a string: tsx would add helpers to a function's source). */
const BLOCK_STORAGE = `{
  const blocked = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  IDBFactory.prototype.open = blocked;
  Object.defineProperty(window, 'localStorage', { get: blocked });
}`;
const hooksOnWindow = (page: Page) => page.evaluate(() => ['ganvasLab', 'ganvasLabState', 'ganvasState'].filter((k) => k in window));

describe('the 2D lab as shipped', () => {
  it('has no test hooks without ?faults (not even with the old ?inspect), says it trains on WASM SIMD, and switches to Digits and back', async () => {
    const { page } = await openApp(browser, app, '?mode=lab2d&inspect');
    assert.deepEqual(await hooksOnWindow(page), [], 'the shipped page exposes test hooks');
    await button(page, 'Train').click();
    // The speed line appears after a second of training: steps per second and the kernel they ran on.
    const speed = page.getByTestId('lab-speed');
    await waitFor(page, 'the speed line', async () => /steps\/s/.test((await speed.textContent()) ?? ''), 30_000);
    await button(page, 'Pause').click();
    const line = (await speed.textContent()) ?? '';
    console.log(`speed line: ${line}`);
    assert.match(line, /^[\d,]+ steps\/s · WASM SIMD$/, 'the lab is not on its WASM SIMD kernel');

    const modes = page.getByRole('navigation', { name: 'Mode' });
    await modes.getByRole('link', { name: 'Digits' }).click();
    await trainEnabled(page);
    assert.doesNotMatch(page.url(), /mode=lab2d/);
    assert.equal(await modes.getByRole('link', { name: 'Digits' }).getAttribute('aria-current'), 'page');
    await page.getByRole('heading', { name: /watch a GAN learn/ }).waitFor();
    await modes.getByRole('link', { name: '2D lab' }).click();
    await page.getByRole('heading', { name: /2D lab: watch D's landscape/ }).waitFor();
    await trainEnabled(page);
    assert.match(page.url(), /\?mode=lab2d&/);
    assert.doesNotMatch(page.url(), /faults|inspect/);
    assert.equal(await modes.getByRole('link', { name: '2D lab' }).getAttribute('aria-current'), 'page');
    assert.deepEqual(await hooksOnWindow(page), [], 'the shipped lab page exposes test hooks');
    await page.context().close();
  });

  it('where the browser blocks storage, the user is told the run is not saved, and training goes on', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: BLOCK_STORAGE });
    const { page } = await openApp(browser, app, '?mode=lab2d', context);
    await button(page, 'Train').click();
    await waitFor(page, '200 steps', async () => (await statStep(page)) >= 200, 60_000);
    // Pausing saves the run, or tries to.
    await button(page, 'Pause').click();
    await page.getByRole('alert').getByText('This browser blocks storage, so the 2D run is not saved as you train: use Save run to keep it.').waitFor();
    const at = await statStep(page);
    await button(page, 'Train').click();
    await waitFor(page, 'training on', async () => (await statStep(page)) >= at + 200, 60_000);
    await button(page, 'Pause').click();
    await context.close();
  });
});
