// Your own images and comparing runs, as a user does them: the built app in Debian's Chromium.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { MNIST_FILES, parseIdxImages } from '../../src/engine/data/mnist';
import { readMnistFile } from '../unit/mnistData';
import { openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const mnist = parseIdxImages(readMnistFile(MNIST_FILES.trainImages), MNIST_FILES.trainImages);

/** MNIST image i as a 56x56 PNG drawn dark on light, the way a scan would be (the app scales and inverts it). */
function scannedDigit(i: number): Buffer {
  const png = new PNG({ width: 56, height: 56 });
  for (let y = 0; y < 56; y++) {
    for (let x = 0; x < 56; x++) {
      const v = 255 - mnist.pixels[i * 784 + (y >> 1) * 28 + (x >> 1)];
      png.data.set([v, v, v, 255], (y * 56 + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

const chooseImages = (page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) => page.getByLabel('Choose images…').setInputFiles(files);

describe('your own images', () => {
  it('too few images: says so, and nothing else changes', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await chooseImages(
      page,
      Array.from({ length: 10 }, (_, i) => ({ name: `d${i}.png`, mimeType: 'image/png', buffer: scannedDigit(i) })),
    );
    await page.getByText('Only 10 usable images: a GAN needs at least 64.').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel('Data', { exact: true }).locator('option[value="custom"]').isDisabled(), true);
    await page.context().close();
  });

  it('a zip of scans and stray files: previews the usable ones, lists the rest, and trains on them', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    const entries = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`scans/${i}.png`, new Uint8Array(scannedDigit(i))]));
    const zip = zipSync({
      ...entries,
      'scans/notes.txt': new TextEncoder().encode('not an image'),
      'scans/broken.png': new Uint8Array(scannedDigit(0).subarray(0, 80)),
    });
    await chooseImages(page, [
      { name: 'scans.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
      { name: 'readme.md', mimeType: 'text/markdown', buffer: Buffer.from('# hello') },
    ]);
    const ready = page.getByTestId('own-images');
    await ready.waitFor({ timeout: 60_000 });
    assert.match((await ready.textContent()) ?? '', /80 images ready \(80 dark-on-light turned light-on-dark/);
    await ready.getByText('3 files skipped').click();
    const skipped = (await ready.locator('ul.skipped').textContent()) ?? '';
    assert.match(skipped, /scans\.zip\/scans\/notes\.txt is not a PNG or JPEG image/);
    assert.match(skipped, /scans\.zip\/scans\/broken\.png could not be decoded/);
    assert.match(skipped, /readme\.md is not a PNG or JPEG image/);

    // The preview is the digits, light on dark: the grid's centre is brighter than its border, as in MNIST.
    const contrast = await ready.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      return { centre: d[(15 * c.width + 15) * 4], corner: d[(2 * c.width + 2) * 4] };
    });
    assert.ok(contrast.centre > contrast.corner, `centre ${contrast.centre} should be brighter than the corner ${contrast.corner}`);

    await page.getByLabel('Data', { exact: true }).selectOption('custom');
    await trainEnabled(page);
    await waitFor(
      page,
      'the run on your images',
      async () => (await page.getByTestId('stat-step').textContent()) === '0' && (await page.getByLabel('Data', { exact: true }).inputValue()) === 'custom',
      60_000,
    );
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '100 steps on your images', async () => (await stepOf(page)) >= 100, 60_000);
    assert.match((await page.locator('section.quality-chart').textContent()) ?? '', /Not measured for your own images/);
    await page.context().close();
  });
});

describe('comparing runs', () => {
  it('a reset keeps the old run; its curves can be drawn dashed over the new one', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.click();
    await waitFor(page, '200 steps', async () => (await stepOf(page)) >= 200, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Reset' }).click();
    await trainEnabled(page);
    await waitFor(page, 'the new run', async () => (await stepOf(page)) === 0);
    await train.click();
    await waitFor(page, '100 steps of the new run', async () => (await stepOf(page)) >= 100, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();

    const dashed = page.getByLabel('Run drawn dashed');
    const past = await dashed.locator('option').nth(2).textContent();
    assert.match(past ?? '', /^MLP, mnist, G 0\.001 \/ D 0\.001, to step \d+$/);
    await dashed.selectOption({ index: 2 });
    const losses = page.locator('figure.chart[aria-label="Losses"]');
    await losses.getByText('D loss (compared)').waitFor();
    // The old run went further: the x axis now reaches its last step.
    const oldLast = Number(past?.match(/to step (\d+)/)?.[1]);
    await waitFor(page, 'the chart to span the old run', async () => Number(await page.locator('.charts').getAttribute('data-last-step')) === oldLast);
    await page.context().close();
  });
});
