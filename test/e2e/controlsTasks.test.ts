// The selects that rebuild the run, driven the way a user does: the Task select (its own
// defaults, only its own fields), super-resolution's Low resolution at 14×14, and the seed
// DCGAN from the Model select, trained in the page. What the worker built is read back from
// its run file, its held-out measures and what it makes of an image.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { decodeRun, type RunArchive } from '../../src/engine/runfile/runArchive';
import { openApp, setUpBrowser, stateOf, stepTo, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');
const shown = (page: Page, label: string) => page.getByRole('region', { name: 'Controls' }).getByLabel(label, { exact: true }).count();

async function exported(page: Page): Promise<RunArchive> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run (.ganvas.zip)' }).click()]);
  return decodeRun(new Uint8Array(readFileSync(await d.path())));
}

/** Picks an option by its text and waits for the rebuilt run. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  await waitFor(page, `the run rebuilt for ${option}`, async () => (await status(page)) === 'paused', 120_000);
}

/** A held-out measure now (the ?faults hook; the app measures every ~10 s of training on its own). */
async function measure(page: Page): Promise<Record<string, number>> {
  const scores = () =>
    page
      .getByRole('region', { name: 'Held-out measures' })
      .evaluate((el) => Object.fromEntries(Object.entries((el as HTMLElement).dataset).map(([k, v]) => [k, Number(v)])));
  const before = (await scores()).points;
  await page.evaluate(() => window.ganvasMeasureQuality());
  await waitFor(page, 'a held-out measure', async () => (await scores()).points > before, 60_000);
  return scores();
}

function pngOf(side: number): Buffer {
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < side * side; i++) png.data.set([(i * 37) % 256, (i * 37) % 256, (i * 37) % 256, 255], i * 4);
  return PNG.sync.write(png);
}

describe('the selects that rebuild the run', () => {
  it('the Task select resets with the task’s own defaults and fields; Low resolution 14×14 gives a ×2 upscaler, its view and its measures', async () => {
    const { page } = await openApp(browser, app, '?faults&seed=6');
    const generateOnly = ['Model', 'Loss', 'Instance noise (std)', 'Label smoothing', 'D steps per G step', 'Conditional (one row per digit)'];
    for (const label of generateOnly) assert.equal(await shown(page, label), 1, `${label} on Generate from noise`);
    assert.equal(await shown(page, 'Low resolution'), 0);

    await pick(page, 'Task', 'Super-resolution');
    await page.getByRole('region', { name: 'Super-resolution view' }).waitFor();
    for (const label of generateOnly) assert.equal(await shown(page, label), 0, `${label} still shown for super-resolution`);
    assert.equal(await shown(page, 'Low resolution'), 1);
    assert.equal(await shown(page, 'L1 weight λ'), 1);
    assert.equal(await page.getByLabel('Batch size', { exact: true }).inputValue(), '16');
    assert.equal(await page.getByLabel('Generator LR', { exact: true }).inputValue(), '0.001');
    const x4run = (await exported(page)).meta;
    assert.deepEqual([x4run.config.task, x4run.config.upscale, x4run.config.batchSize, x4run.live.gLearningRate], ['superres', 'x4', 16, 1e-3]);
    const x4 = await measure(page);

    await pick(page, 'Low resolution', '14×14 → 28×28 (×2)');
    assert.equal((await exported(page)).meta.config.upscale, 'x2');
    // Bicubic from 14×14 is far closer to the real digit than from 7×7: the measures are the 14×14 ones.
    const x2 = await measure(page);
    console.log(`superres: bicubic PSNR ${x4.psnrbicubic.toFixed(2)} dB from 7×7, ${x2.psnrbicubic.toFixed(2)} dB from 14×14`);
    assert.ok(x2.psnrbicubic > x4.psnrbicubic + 3, `bicubic ${x4.psnrbicubic} dB at ×4, ${x2.psnrbicubic} dB at ×2`);
    // Your own image: 14×14 is upscaled (the worker's input is 14×14), 7×7 is now refused.
    const own = page.getByLabel('Upscale your own image');
    await own.setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: pngOf(14) });
    await page.getByLabel('Your image: GAN (step 0)').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel('Your image: input').evaluate((c: HTMLCanvasElement) => `${c.width}×${c.height}`), '14×14');
    await own.setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: pngOf(7) });
    await page.getByText('Not upscaled: tiny.png is 7×7: this generator upscales 14×14 images, or 28×28 ones scaled down first. Training goes on.').waitFor();
    await page.context().close();
  });

  it('DCGAN (seed) from the Model select builds and trains in the page', { timeout: 240_000 }, async () => {
    const { page } = await openApp(browser, app, '?faults&seed=7');
    await pick(page, 'Model', 'DCGAN (seed)');
    await page.getByText('Upsample + conv G, dropout D (the Keras DCGAN): heaviest.').waitFor();
    assert.equal(await page.getByLabel('Conditional (one row per digit)').isDisabled(), true);
    // The worker built the Keras DCGAN: upsampling in G, dropout in D (the model diagram lists the layers it reports).
    const layers = async (name: RegExp) => (await page.getByRole('table', { name }).locator('tbody td:first-child').allTextContents()).join(' ');
    assert.match(await layers(/^Generator G \(the forger\)/), /UpSampling2D.*UpSampling2D/);
    assert.match(await layers(/^Discriminator D \(the detective\)/), /Dropout/);
    await stepTo(page, 3, 180_000);
    const { last } = await stateOf(page);
    assert.ok(last && last.step === 3 && [last.dLoss, last.gLoss, last.dReal, last.dFake].every(Number.isFinite), `last point ${JSON.stringify(last)}`);
    const run = (await exported(page)).meta;
    assert.equal(run.config.model, 'dcgan-seed');
    assert.deepEqual([run.step, run.optimizers.g.iterations, run.optimizers.d.iterations], [3, 3, 3]);
    await page.context().close();
  });
});
