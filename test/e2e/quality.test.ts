// The quality score as a user sees it: the built app in Debian's Chromium.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const qualityPoints = async (page: import('playwright-core').Page) => Number(await page.locator('section.quality-chart').getAttribute('data-points'));

describe('quality score', () => {
  it('training the MLP gets quality points and a class histogram of the samples', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // Every ~10 s of training (more if an evaluation is slow): two points within a couple of minutes.
    await waitFor(page, 'two quality points', async () => (await qualityPoints(page)) >= 2, 150_000);
    // The second and third panels and the histogram redraw a few tasks after a new point: read the page
    // once they have caught up with the summary, all in one synchronous look.
    let shown = { summary: '', curves: 0, step: '', histogramStep: '', total: 0, histogramModes: 0 };
    await waitFor(page, 'every chart to show the latest point', async () => {
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
    }, 5_000);
    const m = shown.summary.match(/Frechet distance ([\d.]+) \(real images score ([\d.]+) at 1000 samples.*classifier score ([\d.]+) of 10, (\d+) of 10 classes covered/);
    assert.ok(m, `unexpected summary: ${shown.summary}`);
    const [fd, floor, score, modes] = m.slice(1).map(Number);
    assert.ok(fd > floor && Number.isFinite(fd), `FD ${fd} should be finite and above the floor ${floor}`);
    assert.ok(score >= 1 && score <= 10, `classifier score ${score}`);
    assert.ok(modes >= 1 && modes <= 10, `modes ${modes}`);
    assert.ok(floor > 1 && floor < 10, `floor ${floor}`);
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
    await waitFor(page, 'the Fashion-MNIST run', async () => (await page.getByLabel('Data', { exact: true }).inputValue()) === 'fashion' && (await stepOf(page)) === 0, 60_000);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '50 steps', async () => (await stepOf(page)) >= 50, 60_000);
    await waitFor(page, 'a quality point', async () => (await qualityPoints(page)) >= 1, 150_000);
    // The histogram speaks of clothes now.
    assert.match((await page.locator('figure.class-histogram .sr-only').textContent()) ?? '', /T-shirt\/top: \d+, Trouser: \d+/);
    await page.context().close();
  });

  it('the "Mode collapse" preset collapses, and the alarm says so and what to try', async () => {
    const { page } = await openApp(browser, app, '?model=mlp');
    await page.getByLabel('Preset').selectOption('mode-collapse');
    await page.getByRole('button', { name: 'Reset' }).click();
    await trainEnabled(page);
    await waitFor(page, 'the preset run', async () => (await page.locator('input[name="gLearningRate"]').first().inputValue()) === '0.01' && (await stepOf(page)) === 0, 60_000);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const alarm = page.locator('.collapse-alarm');
    // Three evaluations past step 1000, ~10 s of training apart.
    await alarm.waitFor({ timeout: 150_000 });
    const text = (await alarm.textContent()) ?? '';
    // Which rule fires first depends on the backend's arithmetic: all samples alike, or classes lost from the run's best.
    assert.match(text, /Likely mode collapse \(step [\d,]+\): (every noise vector gives nearly the same image|the generator now covers \d of 10 classes \(at best it covered \d+\))/);
    assert.match(text, /Try a lower generator learning rate/);
    assert.equal(await alarm.getAttribute('role'), 'alert');
    await page.context().close();
  });
});

