// GAN variants as a user drives them: a conditional MLP with the hinge loss, its per-digit grid and the digit picker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { gridHash, openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const GRID = 'section.samples canvas.grid-canvas';

describe('GAN variants', () => {
  it('Reset to a conditional MLP with hinge loss trains, shows one row per digit, and the digit picker changes the grid', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByLabel('Loss', { exact: true }).selectOption('hinge');
    await page.getByLabel('Conditional (one row per digit)').check();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    const picker = page.getByLabel('Digit', { exact: true });
    await picker.waitFor({ timeout: 120_000 });
    await trainEnabled(page);
    assert.match((await page.locator('.score-meaning').textContent()) ?? '', /hinge|≥ 1 on real/);

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '30 steps', async () => (await stepOf(page)) >= 30, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // The grid drawn at the step training paused on (an earlier one may still be on screen).
    await waitFor(page, 'the grid of the paused step', async () => Number(await page.locator(GRID).getAttribute('data-step')) === (await stepOf(page)));
    const grid = page.locator(GRID);
    assert.equal(await grid.getAttribute('data-rows'), '10');
    assert.equal(await grid.evaluate((c: HTMLCanvasElement) => c.height), 10 * 29 + 1);
    const all = await gridHash(page);

    await picker.selectOption('3');
    await waitFor(page, 'the grid of 3s', async () => (await grid.getAttribute('data-rows')) === '8');
    assert.match((await grid.getAttribute('aria-label')) ?? '', /64 generated 3s/);
    const threes = await gridHash(page);
    assert.notEqual(threes, all);
    await picker.selectOption('7');
    await waitFor(page, 'the grid of 7s', async () => /generated 7s/.test((await grid.getAttribute('aria-label')) ?? ''));
    assert.notEqual(await gridHash(page), threes);
    await picker.selectOption('');
    await waitFor(page, 'one row per digit again', async () => (await grid.getAttribute('data-rows')) === '10');
    assert.equal(await gridHash(page), all, 'the same weights and noise give the same grid');
    await page.context().close();
  });

  it('an out-of-range D:G ratio shows its message and changes nothing', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps', async () => (await stepOf(page)) > 10);
    const field = page.locator('input[name=dSteps]');
    await field.fill('11');
    await field.press('Enter');
    assert.match((await page.locator('.field-error').first().textContent()) ?? '', /whole number of D steps per G step, 1 to 10/);
    assert.equal(await page.locator('.hp-change').count(), 0, 'a refused value was applied');
    await field.fill('3');
    await field.press('Enter');
    await waitFor(page, 'the change marked in both chart panels', async () => (await page.locator('.hp-change').count()) === 2);
    const before = await stepOf(page);
    await waitFor(page, 'training to continue', async () => (await stepOf(page)) > before + 10);
    await page.context().close();
  });
});
