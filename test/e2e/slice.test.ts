// The first slice, as a user drives it: the built app in Debian's Chromium.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { gridHash, launch, openApp, pointsOf, setUpBrowser, stepOf, waitFor } from './page';
import { loadGeneratorZip } from '../../src/engine/export/export';
import { readGeneratorZip } from '../../src/shared/formats/generatorZip';
import { PNG } from 'pngjs';
import { generatorGridPng } from '../../scripts/generate';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const open = (query = '') => openApp(browser, app, query);

describe('training in the browser', () => {
  it('Train moves the step counter, the chart and the sample grid, with no errors and no foreign requests', async () => {
    const { page } = await open();
    assert.match((await page.getByTestId('backend').textContent()) ?? '', /^(WebGPU|WebGL|WASM|CPU) – .{10,}/);
    const hash0 = await gridHash(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps', async () => (await stepOf(page)) > 0, 2_000);
    await waitFor(page, '100 steps', async () => (await stepOf(page)) >= 100);
    await waitFor(page, 'chart points', async () => (await pointsOf(page)) >= 50);
    await waitFor(page, 'a new grid', async () => Number(await page.locator('canvas.grid-canvas').getAttribute('data-step')) > 0);
    assert.notEqual(await gridHash(page), hash0, 'the sample grid did not change');
    assert.match((await page.getByTestId('stat-tensors').textContent()) ?? '', /^\d+ /);
    await page.context().close();
  });

  it('a live generator LR change is marked on the chart; bad values are refused and training goes on', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps', async () => (await stepOf(page)) > 20);
    const field = page.locator('input[name=gLearningRate]');
    await field.fill('0.0005');
    await field.press('Enter');
    // Both panels mark the change; the second redraws a task later, so wait for both.
    const marks = page.locator('.hp-change');
    await waitFor(page, 'a change marker in both panels', async () => (await marks.count()) === 2);
    for (const bad of ['5', '-1', '', 'abc', '0']) {
      await field.fill(bad);
      await field.press('Enter');
      await page.locator('.field-error').first().waitFor();
      assert.match((await page.locator('.field-error').first().textContent()) ?? '', /number/);
    }
    const before = await stepOf(page);
    await waitFor(page, 'training to continue', async () => (await stepOf(page)) > before + 20);
    assert.equal(await marks.count(), 2, 'a refused value was applied');
    await page.context().close();
  });

  it('Pause holds the counter, Step adds exactly one, and Pause answers within 500 ms', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps', async () => (await stepOf(page)) > 20);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 500 });
    assert.ok(Date.now() - t0 < 1000, 'the page did not answer the click promptly');
    await page.waitForTimeout(500);
    const held = await stepOf(page);
    await page.waitForTimeout(1500);
    assert.equal(await stepOf(page), held);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'one step', async () => (await stepOf(page)) === held + 1, 10_000);
    await page.waitForTimeout(500);
    assert.equal(await stepOf(page), held + 1);
    await page.context().close();
  });

  it('the downloaded generator loads in Node and makes 28x28 images in [-1, 1]; the grid downloads as PNG', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps', async () => (await stepOf(page)) > 10);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download generator/ }).click()]);
    assert.match(download.suggestedFilename(), /^ganvas-mlp-mnist-step\d+\.zip$/);
    const zip = new Uint8Array(readFileSync(await download.path()));
    const { meta } = readGeneratorZip(zip);
    assert.equal(meta.model, 'mlp');
    assert.equal(meta.latentSize, 100);
    assert.equal(meta.dataset, 'mnist');
    assert.equal(meta.seed, 42);
    assert.ok(meta.step > 10);
    await tf.setBackend('cpu');
    const { model } = await loadGeneratorZip(zip);
    const images = model.predict(tf.randomNormal([4, 100])) as tf.Tensor;
    assert.deepEqual(images.shape, [4, 28, 28, 1]);
    const v = await images.data();
    // tanh after a few steps: inside [-1, 1] and using most of it (a sigmoid would stay above 0, a linear layer leave it).
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    assert.ok(lo >= -1 && hi <= 1 && lo < -0.5 && hi > 0.5, `generator output spans ${lo} to ${hi}`);
    tf.dispose(images);
    model.dispose();
    // scripts/generate.ts, the README's way to sample a download in Node, on the same file.
    const grid = PNG.sync.read((await generatorGridPng(zip, { side: 4, seed: 1, scale: 2 })).png);
    assert.deepEqual([grid.width, grid.height], [234, 234]);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download grid/ }).click()]);
    const bytes = readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.context().close();
  });

  it('Reset with a seed clears the chart and starts again from step 0', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'a step', async () => (await stepOf(page)) === 1);
    const seed = page.locator('input[name=seed]');
    await seed.fill('7');
    await seed.press('Enter');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitFor(page, 'the reset', async () => (await stepOf(page)) === 0 && (await pointsOf(page)) === 0);
    await page.waitForFunction(() => !(document.querySelector('button.primary') as HTMLButtonElement | null)?.disabled);
    assert.equal(await seed.inputValue(), '7');
    await page.context().close();
  });

  it('?backend=webgl trains on WebGL and says so; WebGPU is reported unavailable without a flag', async () => {
    const { page } = await open('?backend=webgl&model=mlp');
    assert.match((await page.getByTestId('backend').textContent()) ?? '', /^WebGL – chosen by \?backend=webgl/);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'WebGL steps', async () => (await stepOf(page)) > 5, 60_000);
    await page.context().close();

    const auto = await open();
    await auto.page.locator('.backend-details summary').click();
    assert.match((await auto.page.locator('.backend-details').textContent()) ?? '', /WebGPU: unavailable/);
    await auto.page.context().close();
  });
});

describe('WebGPU (software adapter, with --enable-unsafe-webgpu)', () => {
  it('?backend=webgpu trains on WebGPU and names the adapter', async () => {
    const gpuBrowser = await launch(['--enable-unsafe-webgpu']);
    try {
      const { page } = await openApp(gpuBrowser, app, '?backend=webgpu&model=mlp');
      assert.match((await page.getByTestId('backend').textContent()) ?? '', /^WebGPU/);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await waitFor(page, 'a WebGPU step', async () => (await stepOf(page)) === 1, 60_000);
      await page.locator('.backend-details summary').click();
      assert.match((await page.locator('.backend-details').textContent()) ?? '', /WebGPU: works \(software\)/i);
    } finally {
      await gpuBrowser.close();
    }
  });
});
