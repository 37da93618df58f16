// "Use all cores": the WASM pool leaves one core to the page by default; the
// toggle restarts the worker on every core, carries the run over bit for bit
// (paused, it stays paused; training, it trains on), and is remembered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, stateOf, stepOf, stepTo, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');
const wasmLine = async (page: Page) => ((await page.locator('.backend-details li', { hasText: 'WASM' }).textContent()) ?? '').trim();
const toggle = (page: Page) => page.getByRole('checkbox', { name: /^Use all \d+ cores/ });

describe('Use all cores', () => {
  it('restarts the worker on every core with the run carried over exactly, keeps training, and is remembered', { timeout: 300_000 }, async () => {
    const { page } = await openApp(browser, app, '?faults&backend=wasm&model=dcgan-lite&seed=42');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.ok(cores >= 2, `this test needs 2 or more cores, the browser reports ${cores}`);
    assert.match(await wasmLine(page), new RegExp(`threads \\(${cores - 1} of ${cores} cores\\)`));
    assert.equal(await toggle(page).isChecked(), false);

    // Paused: the run crosses the restart bit for bit and stays paused.
    await stepTo(page, 30, 120_000, 10);
    const before = await stateOf(page);
    await toggle(page).check();
    await waitFor(page, 'the restarted worker', async () => (await wasmLine(page)).includes(`threads (${cores} of ${cores} cores)`), 120_000);
    await trainEnabled(page);
    await waitFor(page, 'the carried-over step', async () => (await stepOf(page)) === 30, 60_000);
    assert.deepEqual(await stateOf(page), before, 'the run after the restart');
    assert.equal(await status(page), 'paused');
    assert.equal(await toggle(page).isChecked(), true);

    // Training: it goes on training after switching back.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'training', async () => (await stepOf(page)) >= 40, 60_000);
    await toggle(page).uncheck();
    await waitFor(page, 'the worker on all cores but one', async () => (await wasmLine(page)).includes(`threads (${cores - 1} of ${cores} cores)`), 120_000);
    await waitFor(page, 'the run carried over', async () => (await stepOf(page)) >= 40, 60_000);
    const resumedAt = await stepOf(page);
    await waitFor(page, 'training on after the restart', async () => (await stepOf(page)) > resumedAt + 5 && (await status(page)) === 'running', 60_000);

    // Remembered for the next visit.
    await toggle(page).check();
    await waitFor(page, 'every core again', async () => (await wasmLine(page)).includes(`threads (${cores} of ${cores} cores)`), 120_000);
    await page.reload();
    await trainEnabled(page);
    assert.equal(await toggle(page).isChecked(), true);
    assert.match(await wasmLine(page), new RegExp(`threads \\(${cores} of ${cores} cores\\)`));
    await page.context().close();
  });
});
