// Nothing dropped silently from the runs list: a run beyond the keep count is
// set aside with a notice naming it (export it, keep it, or dismiss to delete),
// a run marked Keep never goes, and a full disk follows the same rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { decodeRun } from '../../src/engine/runfile/runArchive';
import { openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const lastSave = async (page: Page) => (await page.getByTestId('last-save').textContent()) ?? '';
const listed = (page: Page) => page.locator('.run-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-run') ?? ''));
const setAside = (page: Page) => page.locator('.set-aside [data-run]').evaluateAll((els) => els.map((e) => e.getAttribute('data-run') ?? ''));
const keepButton = (page: Page, runId: string) => page.locator(`.run-list li[data-run="${runId}"]`).getByRole('button', { name: /^Keep the run/ });

/** A new run (Reset unless it is the first), a few steps, Pause (which saves); returns its id. */
async function newSavedRun(page: Page, first: boolean): Promise<string> {
  if (!first) {
    await page.getByRole('button', { name: 'Reset' }).click();
    await trainEnabled(page);
    await waitFor(page, 'the new run', async () => (await stepOf(page)) === 0 && !/Saved step/.test(await lastSave(page)));
  }
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, 'a few steps', async () => (await stepOf(page)) >= 5, 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitFor(page, 'the save on pause', async () => /Saved step/.test(await lastSave(page)));
  const current = page.locator('.run-list li', { hasText: '(this run)' });
  await current.waitFor();
  return (await current.getAttribute('data-run')) ?? '';
}

describe('keeping saved runs', () => {
  it('a 7th save sets aside the oldest run not marked Keep, names it with its thumbnail, and exports it before it goes; a lower keep count follows the same rules', async () => {
    const { page, seen } = await openApp(browser, app, '?model=mlp');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await newSavedRun(page, i === 0));
      if (i === 0) {
        await keepButton(page, ids[0]).click();
        await waitFor(page, 'the Keep mark', async () => (await keepButton(page, ids[0]).getAttribute('aria-pressed')) === 'true');
      }
    }
    await waitFor(page, 'the notice', async () => (await setAside(page)).length === 1);
    assert.deepEqual(await setAside(page), [ids[1]], 'the oldest run not marked Keep is the one set aside');
    assert.deepEqual((await listed(page)).sort(), [ids[0], ...ids.slice(2)].sort(), 'the run marked Keep stays in the list');
    const notice = page.locator(`.set-aside [data-run="${ids[1]}"]`);
    assert.match(
      (await notice.textContent()) ?? '',
      /MLP · step [\d,]+ \(mnist\) left the runs list: the list keeps 6 runs, and those marked Keep stay\. It is deleted when you dismiss this\./,
    );
    const thumb = await notice.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width * c.height);
    assert.ok(thumb > 0, 'the notice shows the run’s samples');

    const [d] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Export it' }).click()]);
    const file = decodeRun(new Uint8Array(readFileSync(await d.path())));
    assert.equal(file.meta.runId, ids[1], 'the exported file is the run set aside');
    assert.match(d.suggestedFilename(), /^ganvas-mlp-mnist-step\d+\.ganvas\.zip$/);
    await notice.getByRole('button', { name: 'Dismiss (delete)' }).click();
    await waitFor(page, 'the dismissal', async () => (await setAside(page)).length === 0);
    assert.equal((await listed(page)).length, 6);

    // Keep 3: the run marked Keep and this run stay, with the newest other; the rest are set aside, not deleted.
    const keep = page.getByLabel('Runs to keep');
    await keep.fill('3');
    await keep.press('Enter');
    await waitFor(page, 'three set aside', async () => (await setAside(page)).length === 3);
    assert.deepEqual((await listed(page)).sort(), [ids[0], ids[5], ids[6]].sort());
    assert.deepEqual((await setAside(page)).sort(), [ids[2], ids[3], ids[4]].sort());
    // Keep it: a set-aside run marked Keep comes back to the list.
    await page.locator(`.set-aside [data-run="${ids[2]}"]`).getByRole('button', { name: 'Keep it' }).click();
    await waitFor(page, 'the run kept', async () => (await listed(page)).includes(ids[2]));
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreignRequests, []);
    await page.context().close();
  });

  it('a full disk never deletes a run: the oldest run not marked Keep is offered for export, a run marked Keep never is', async () => {
    // Service workers off: the offline copy the app keeps in Cache Storage after the first data set would take the
    // same quota, and this test is about what a full disk does to saved runs.
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const { page, seen } = await openApp(browser, app, '?model=mlp', context);
    // Room for two MLP runs (~3 MB each as IndexedDB counts them, measured with navigator.storage.estimate), not three.
    // Set before the first save: Chromium applies the override to connections opened after it.
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.url).origin, quotaSize: usage + 7_500_000 });
    const kept = await newSavedRun(page, true);
    await keepButton(page, kept).click();
    await waitFor(page, 'the Keep mark', async () => (await keepButton(page, kept).getAttribute('aria-pressed')) === 'true');
    const other = await newSavedRun(page, false);
    await page.getByRole('button', { name: 'Reset' }).click();
    await trainEnabled(page);
    await waitFor(page, 'the third run', async () => (await stepOf(page)) === 0);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'a few steps', async () => (await stepOf(page)) >= 5, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /storage for this site is full\. Training goes on and no saved run was deleted/ })
      .waitFor();
    await waitFor(page, 'the run offered to make room', async () => (await setAside(page)).length === 1);
    assert.deepEqual(await setAside(page), [other]);
    assert.match((await page.locator('.set-aside').textContent()) ?? '', /storage is full, and this is the oldest run not marked Keep/);
    assert.deepEqual(await listed(page), [kept], 'the run marked Keep stays listed');
    assert.equal(await keepButton(page, kept).getAttribute('aria-pressed'), 'true');
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreignRequests, []);
    await page.context().close();
  });
});
