// "See inside", as a user meets it on the real page: real vs fake with D's
// scores, the latent sliders, the timelapse and its GIF, the samples zip.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { gifImages } from './gif';
import { gridHash, openApp, setUpBrowser, shot, stepOf, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const timelapseStep = async (page: Page) => Number(((await page.getByTestId('timelapse-step').textContent()) ?? '').replace(/,/g, ''));

async function download(page: Page, button: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** No view scrolls sideways: each fits its own width. */
async function fits(page: Page, selector: string): Promise<boolean> {
  return page.$$eval(selector, (els) => els.every((el) => el.scrollWidth <= el.clientWidth + 1));
}

describe('see inside', () => {
  it('shows scores on real and fake images, opens one large, moves a latent slider, plays the timelapse and downloads the GIF and the samples zip', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 720 } });
    const { page } = await openApp(browser, app, '?model=mlp', context);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // Enough steps for strokes to show in the screenshots.
    await waitFor(page, '400 steps', async () => (await stepOf(page)) >= 400, 120_000);

    // Real vs fake: 8 real and 8 generated images, each with D's probability.
    const rvf = section(page, 'Real vs fake');
    const real = rvf.getByRole('list', { name: 'Real training images' }).getByRole('button');
    const fake = rvf.getByRole('list', { name: 'Generated images' }).getByRole('button');
    assert.equal(await real.count(), 8);
    assert.equal(await fake.count(), 8);
    const scores = await rvf.locator('[data-score]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    assert.equal(scores.length, 16);
    assert.ok(
      scores.every((s) => s > 0 && s < 1),
      `scores ${scores}`,
    );
    assert.match((await fake.first().getAttribute('aria-label')) ?? '', /^generated image 1: D says \d+% real$/);

    // Enter on an image opens it large with its score; Escape closes it.
    await fake.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Generated image 1' });
    await dialog.waitFor();
    assert.match((await page.getByTestId('rvf-dialog-score').textContent()) ?? '', /^D says \d+% real \(0\.\d\d\)$/);
    await shot(page, 'inside-image-large-1280.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();

    // A latent slider re-renders the sample (training is paused: only the slider changes it).
    const latent = section(page, 'Latent space of the training generator');
    const sliderImage = '.latent-sliders-view canvas';
    await waitFor(page, 'the slider sample', async () => ((await latent.locator(sliderImage).getAttribute('data-values')) ?? '') !== '');
    const before = await gridHash(page, sliderImage);
    const valuesBefore = await latent.locator(sliderImage).getAttribute('data-values');
    const z1 = latent.getByRole('slider', { name: /^z1/ });
    await z1.focus();
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await waitFor(page, 'the slider render', async () => (await latent.locator(sliderImage).getAttribute('data-values')) !== valuesBefore);
    await page.waitForTimeout(300);
    assert.notEqual(await gridHash(page, sliderImage), before, 'moving z1 did not change the image');

    // The timelapse replays training: scrub to the start, then play.
    const timelapse = section(page, 'Timelapse');
    await waitFor(page, '3 timelapse frames', async () => Number(await timelapse.getByRole('slider').getAttribute('max')) >= 2);
    const latest = await timelapseStep(page);
    assert.ok(latest >= 100, `latest frame at step ${latest}`);
    await timelapse.getByRole('slider').focus();
    await page.keyboard.press('Home');
    assert.equal(await timelapseStep(page), 0);
    await timelapse.getByRole('button', { name: 'Play' }).click();
    await waitFor(page, 'the timelapse to play', async () => (await timelapseStep(page)) > 0, 5_000);
    await timelapse.getByRole('button', { name: 'Pause' }).click();

    const gif = await download(page, /^Export GIF$/);
    assert.match(gif.name, /^ganvas-timelapse-step-\d+\.gif$/);
    assert.equal(gif.bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
    // One image per timelapse frame, counted by walking the GIF's blocks.
    const shown = Number(await timelapse.getByRole('slider').getAttribute('max')) + 1;
    assert.equal(gifImages(gif.bytes), shown, 'GIF images vs timelapse frames');

    // Samples: a bad count is refused beside the field; 40 gives 40 PNGs and a CSV.
    const count = page.locator('input[name=sampleCount]');
    await count.fill('0');
    assert.match((await page.locator('.export-samples .field-error').textContent()) ?? '', /from 1 to 10,000/);
    assert.equal(await page.getByRole('button', { name: 'Export samples' }).isDisabled(), true);
    await count.fill('40');
    const zip = await download(page, /^Export samples$/);
    assert.match(zip.name, /^ganvas-samples-step-\d+-40\.zip$/);
    const files = unzipSync(new Uint8Array(zip.bytes));
    const pngs = Object.keys(files).filter((f) => f.endsWith('.png'));
    assert.equal(pngs.length, 40);
    for (const f of pngs) {
      const png = PNG.sync.read(Buffer.from(files[f]));
      assert.deepEqual([png.width, png.height], [28, 28]);
    }
    const rows = strFromU8(files['samples.csv']).trim().split('\n');
    assert.equal(rows[0], 'file,seed,step');
    assert.equal(rows.length, 41);
    assert.ok(files['README.txt']);

    // The views at 1280x720 (pictures for the docs under npm run shots) and at 400 px wide.
    await page.mouse.move(0, 0);
    for (const [name, label] of [
      ['real-vs-fake', 'Real vs fake'],
      ['latent', 'Latent space of the training generator'],
      ['timelapse', 'Timelapse'],
    ]) {
      await section(page, label).scrollIntoViewIfNeeded();
      await shot(page, `inside-${name}-1280x720.png`);
    }
    await page.setViewportSize({ width: 400, height: 900 });
    await page.waitForTimeout(300);
    assert.ok(await fits(page, '.inside-views > section'), 'a view scrolls sideways at 400 px');
    await shot(page.locator('.inside-views'), 'inside-400.png');

    await context.close();
  });
});
