// The quality score as a user sees it: the built app in Debian's Chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const qualityPoints = async (page: Page) => Number(await page.locator('section.quality-chart').getAttribute('data-points'));

/** The quality panel's latest point, from its data attributes. */
async function latestPoint(page: Page): Promise<{ fd: number; score: number }> {
  const section = page.locator('section.quality-chart');
  return { fd: Number(await section.getAttribute('data-fd')), score: Number(await section.getAttribute('data-score')) };
}

/** The 28x28 pixels of each image in the Real vs fake view's "Real training images" row, as drawn. */
const realImagesShown = (page: Page) =>
  page
    .getByRole('list', { name: 'Real training images' })
    .locator('canvas')
    .evaluateAll((canvases) =>
      canvases.map((c) => {
        const data = (c as HTMLCanvasElement).getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
        return Array.from({ length: 784 }, (_, i) => data[i * 4]);
      }),
    );

/** Whether an image (784 gray bytes) is one of an idx file's images, within 1 grey level per pixel. */
function foundIn(file: string, image: number[]): boolean {
  const idx = readFileSync(file);
  for (let at = 16; at < idx.length; at += 784) {
    let i = 0;
    while (i < 784 && Math.abs(idx[at + i] - image[i]) <= 1) i++;
    if (i === 784) return true;
  }
  return false;
}

describe('quality score', () => {
  it('training the MLP gets quality points, better than the untrained generator, and a class histogram of the samples', async () => {
    const { page } = await openApp(browser, app, '?model=mlp&faults');
    // The trivial answer first: the untrained generator's scores (an evaluation asked for at step 0).
    await page.evaluate(() => window.ganvasMeasureQuality());
    await waitFor(page, 'the untrained point', async () => (await qualityPoints(page)) === 1, 60_000);
    const untrained = await latestPoint(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // Every ~10 s of training (more if an evaluation is slow): two more points within a couple of minutes.
    await waitFor(page, 'two quality points while training', async () => (await qualityPoints(page)) >= 3, 150_000);
    // The second and third panels and the histogram redraw a few tasks after a new point: read the page
    // once they have caught up with the summary, all in one synchronous look.
    let shown = { summary: '', curves: 0, step: '', histogramStep: '', total: 0, histogramModes: 0 };
    await waitFor(
      page,
      'every chart to show the latest point',
      async () => {
        shown = await page.evaluate(() => {
          const section = document.querySelector('section.quality-chart');
          const figure = document.querySelector('figure.class-histogram');
          return {
            summary: document.querySelector('.quality-summary')?.textContent ?? '',
            curves: document.querySelectorAll('section.quality-chart figure path.recharts-line-curve').length,
            step: section?.getAttribute('data-step') ?? '',
            histogramStep: figure?.getAttribute('data-step') ?? '',
            total: Number(figure?.getAttribute('data-total')),
            histogramModes: Number(figure?.getAttribute('data-modes')),
          };
        });
        return shown.curves === 3 && shown.step !== '' && shown.step === shown.histogramStep;
      },
      5_000,
    );
    const m = shown.summary.match(
      /Frechet distance ([\d.]+) \(real images score ([\d.]+) at 1000 samples.*classifier score ([\d.]+) of 10, (\d+) of 10 classes covered/,
    );
    assert.ok(m, `unexpected summary: ${shown.summary}`);
    const [fd, floor, score, modes] = m.slice(1).map(Number);
    assert.ok(fd > floor && Number.isFinite(fd), `FD ${fd} should be finite and above the floor ${floor}`);
    assert.ok(score >= 1 && score <= 10, `classifier score ${score}`);
    assert.ok(modes >= 1 && modes <= 10, `modes ${modes}`);
    assert.ok(floor > 1 && floor < 10, `floor ${floor}`);
    // Training beats the untrained generator on both figures, by a clear margin (MLP at ~2,000 steps: FD ~420 vs ~900+ untrained).
    console.log(`[quality] untrained: FD ${untrained.fd.toFixed(1)}, score ${untrained.score.toFixed(2)}; trained: FD ${fd}, score ${score}`);
    assert.ok(fd < untrained.fd * 0.8, `FD ${fd} is not clearly below the untrained generator's ${untrained.fd}`);
    assert.ok(score > untrained.score + 0.5, `classifier score ${score} is not clearly above the untrained generator's ${untrained.score}`);
    // The histogram counts the same 1000 samples the summary speaks of.
    assert.equal(shown.total, 1000);
    assert.equal(shown.histogramModes, modes);

    const histogram = page.locator('figure.class-histogram');
    assert.ok((await histogram.locator('.recharts-bar-rectangle').count()) >= 1);
    assert.match((await histogram.locator('.sr-only').textContent()) ?? '', /^Samples per class: 0: \d+, 1: \d+,.* 9: \d+\.$/);
    await page.context().close();
  });

  it('switching to Fashion-MNIST trains on clothes', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByLabel('Data', { exact: true }).selectOption('fashion');
    await trainEnabled(page);
    await waitFor(
      page,
      'the Fashion-MNIST run',
      async () => (await page.getByLabel('Data', { exact: true }).inputValue()) === 'fashion' && (await stepOf(page)) === 0,
      60_000,
    );
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '50 steps', async () => (await stepOf(page)) >= 50, 60_000);
    await waitFor(page, 'a quality point', async () => (await qualityPoints(page)) >= 1, 150_000);
    // The histogram speaks of clothes now.
    assert.match((await page.locator('figure.class-histogram .sr-only').textContent()) ?? '', /T-shirt\/top: \d+, Trouser: \d+/);
    // And the images D trains on are clothes, read from their pixels: each one the Real vs fake view shows
    // is one of Fashion-MNIST's training images (the view redraws once it is on screen).
    await page.getByRole('region', { name: 'Real vs fake', exact: true }).scrollIntoViewIfNeeded();
    const fromFashion = async () => (await realImagesShown(page)).map((img) => foundIn('public/data/fashion/train-images-idx3-ubyte', img));
    await waitFor(page, 'real images from Fashion-MNIST', async () => (await fromFashion()).every(Boolean), 15_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: found in Fashion-MNIST: ${await fromFashion()}`);
    });
    assert.equal((await realImagesShown(page)).length, 8);
    await page.context().close();
  });

  it('the "Mode collapse" preset collapses, and the alarm says so and what to try', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByLabel('Preset').selectOption('mode-collapse');
    await page.getByRole('button', { name: 'Reset' }).click();
    await trainEnabled(page);
    await waitFor(
      page,
      'the preset run',
      async () => (await page.locator('input[name="gLearningRate"]').first().inputValue()) === '0.01' && (await stepOf(page)) === 0,
      60_000,
    );
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const alarm = page.locator('.collapse-alarm');
    // Three evaluations past step 1000, ~10 s of training apart.
    await alarm.waitFor({ timeout: 150_000 });
    const text = (await alarm.textContent()) ?? '';
    // Which rule fires first depends on the backend's arithmetic: all samples alike, or classes lost from the run's best.
    assert.match(
      text,
      /Likely mode collapse \(step [\d,]+\): (every noise vector gives nearly the same image|the generator now covers \d of 10 classes \(at best it covered \d+\))/,
    );
    assert.match(text, /Try a lower generator learning rate/);
    assert.equal(await alarm.getAttribute('role'), 'alert');
    await page.context().close();
  });
});
