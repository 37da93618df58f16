// Exporting samples no longer stops training: the step counter moves while
// 2,000 images are encoded, progress shows, and a second export is refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, stepOf, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

describe('exporting samples while training', () => {
  it('2,000 samples: the step counter advances during the export, a second one is refused, the zip holds 2,000 PNGs and the CSV', async () => {
    const { page, seen } = await openApp(browser, app, '?model=mlp');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '50 steps', async () => (await stepOf(page)) >= 50, 60_000);
    // Training speed without an export, for the log beside the speed during it.
    const [s0, t0] = [await stepOf(page), Date.now()];
    await page.waitForTimeout(3000);
    const before = ((await stepOf(page)) - s0) / ((Date.now() - t0) / 1000);
    const count = page.locator('input[name=sampleCount]').first();
    await count.fill('2000');
    const progress = page.getByRole('progressbar', { name: 'Samples exported so far' });
    const started = Date.now();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export samples' }).first().click();
    await waitFor(page, 'the export under way', async () => Number((await progress.getAttribute('value').catch(() => null)) ?? 0) > 0);
    const stepAtStart = await stepOf(page);
    await count.press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: /An export of 2,000 samples is already running \([\d,]+ done\): wait for it to finish/ })
      .waitFor();
    // Read while the export is still running: the progress bar is there until the zip arrives.
    let stepDuring = stepAtStart;
    while ((await progress.count()) > 0) {
      const [value, step] = [Number((await progress.getAttribute('value').catch(() => '0')) ?? 0), await stepOf(page)];
      if (value < 2000) stepDuring = step;
      await page.waitForTimeout(100);
    }
    const d = await download;
    const seconds = (Date.now() - started) / 1000;
    assert.ok(stepDuring > stepAtStart, `the step counter moved during the export (${stepAtStart} -> ${stepDuring})`);
    const files = unzipSync(new Uint8Array(readFileSync(await d.path())));
    assert.equal(Object.keys(files).filter((f) => f.endsWith('.png')).length, 2000);
    assert.equal(strFromU8(files['samples.csv']).trim().split('\n').length, 2001);
    console.log(
      `2,000 samples while training: ${seconds.toFixed(1)} s (${(seconds / 2).toFixed(1)} s per 1,000); steps ${stepAtStart} -> ${stepDuring} during it (${((stepDuring - stepAtStart) / seconds).toFixed(0)}/s; ${before.toFixed(0)}/s before)`,
    );
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreignRequests, []);
    await page.context().close();
  });
});
