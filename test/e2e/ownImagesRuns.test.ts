// A run on your own images carries them: reload and Resume, or import the
// exported file in a fresh browser, and it trains on without the images being
// dropped again; a file whose images are damaged is refused and the run goes on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { decodeRun } from '../../src/engine/runfile/runArchive';
import { openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const COUNT = 80;

/** Image i: a bright ring of radius 4 + i % 8 on black, 32x32 (the app scales it to 28x28). */
function ring(i: number): Buffer {
  const png = new PNG({ width: 32, height: 32 });
  const r = 4 + (i % 8);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const v = Math.abs(Math.hypot(x - 16, y - 16) - r) < 1.5 ? 255 : 0;
      png.data.set([v, v, v, 255], (y * 32 + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');

async function trainOn(page: Page, more: number): Promise<number> {
  const from = await stepOf(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `${more} more steps`, async () => (await stepOf(page)) >= from + more, 60_000);
  return stepOf(page);
}

describe('a run on your own images', () => {
  it('resumes after a reload and imports in a fresh browser without the images dropped again; damaged images are refused', async () => {
    const { page, seen } = await openApp(browser, app, '?model=mlp');
    await page
      .getByLabel('Choose images…')
      .setInputFiles(Array.from({ length: COUNT }, (_, i) => ({ name: `ring${i}.png`, mimeType: 'image/png', buffer: ring(i) })));
    await page.getByTestId('own-images').waitFor({ timeout: 60_000 });
    assert.match((await page.getByTestId('own-images-in-runs').textContent()) ?? '', /Runs on them keep them in their saves and run files \(\+0\.1 MB\)/);
    await page.getByLabel('Data', { exact: true }).selectOption('custom');
    await trainEnabled(page);
    await waitFor(
      page,
      'the run on your images',
      async () => (await stepOf(page)) === 0 && (await page.getByLabel('Data', { exact: true }).inputValue()) === 'custom',
      60_000,
    );
    await trainOn(page, 40);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitFor(page, 'the save on pause', async () => /Saved step/.test((await page.getByTestId('last-save').textContent()) ?? ''));
    const saved = await stepOf(page);

    // Another day: the page forgets the dropped images; the saved run still has them.
    await page.reload();
    await trainEnabled(page);
    await page.getByRole('button', { name: /^Resume run \(step/ }).click();
    await waitFor(page, 'the resumed step', async () => (await stepOf(page)) === saved);
    assert.equal(await page.getByLabel('Data', { exact: true }).inputValue(), 'custom');
    await trainOn(page, 20);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
    const step = await stepOf(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export run/ }).click()]);
    const bytes = readFileSync(await d.path());
    const run = decodeRun(new Uint8Array(bytes));
    assert.deepEqual(run.meta.images, { count: COUNT, rows: 28, cols: 28 });
    assert.equal(run.meta.step, step);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreignRequests, []);
    await page.context().close();

    // Another machine: a fresh browser (no saves, no images) trains on MNIST; a damaged file is refused and training goes on.
    const fresh = await openApp(browser, app, '?model=mlp');
    await trainOn(fresh.page, 5);
    const files = unzipSync(new Uint8Array(bytes));
    const damaged = zipSync({ ...files, 'images.bin': files['images.bin'].subarray(0, 5000), 'ganvas.json': strToU8(strFromU8(files['ganvas.json'])) });
    await fresh.page.getByLabel('Import run…').setInputFiles({ name: 'damaged.ganvas.zip', mimeType: 'application/zip', buffer: Buffer.from(damaged) });
    await fresh.page
      .getByRole('alert')
      .filter({ hasText: `images.bin has 5000 bytes; ${COUNT} images need ${COUNT * 784}` })
      .waitFor();
    const before = await stepOf(fresh.page);
    await waitFor(fresh.page, 'training to go on', async () => (await stepOf(fresh.page)) > before + 10);
    assert.equal(await status(fresh.page), 'running');

    await fresh.page.getByLabel('Import run…').setInputFiles({ name: d.suggestedFilename(), mimeType: 'application/zip', buffer: bytes });
    await waitFor(fresh.page, 'the imported step', async () => (await stepOf(fresh.page)) === step);
    assert.equal(await fresh.page.getByLabel('Data', { exact: true }).inputValue(), 'custom');
    await trainOn(fresh.page, 20);
    assert.deepEqual(fresh.seen.errors, []);
    assert.deepEqual(fresh.seen.foreignRequests, []);
    await fresh.page.context().close();
  });
});
