// "Never lose a run", as a user meets it: reload and resume, export and import in a
// fresh browser, bad files refused while training goes on, a generator opened on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { decodeRun } from '../../src/engine/runfile/runArchive';
import { gridHash, openApp, setUpBrowser, stepOf, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const chartSteps = async (page: Page) => ({
  first: Number(await page.locator('.charts').getAttribute('data-first-step')),
  last: Number(await page.locator('.charts').getAttribute('data-last-step')),
});
const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');

async function trainTo(page: Page, step: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `step ${step}`, async () => (await stepOf(page)) >= step, 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
}

async function download(page: Page, button: RegExp): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path), path };
}

describe('never lose a run', () => {
  it('pause autosaves; after a reload the page offers the run, and resuming continues the step and the chart', async () => {
    const { page } = await openApp(browser, app);
    await trainTo(page, 150);
    const saved = await stepOf(page);
    await waitFor(page, 'the autosave', async () => /Saved step/.test((await page.getByTestId('last-save').textContent()) ?? ''));
    assert.match(
      (await page.getByTestId('last-save').textContent()) ?? '',
      new RegExp(`Saved step ${saved.toLocaleString('en-US')} .*MB, training waited \\d+ ms`),
    );
    assert.equal(await page.locator('.run-list li').count(), 1);
    assert.match((await page.locator('.run-list li').textContent()) ?? '', /MLP · step [\d,]+ \(this run\)/);
    assert.match((await page.getByTestId('storage').textContent()) ?? '', /Storage used: [\d.]+ MB of/);

    await page.reload();
    await trainEnabled(page);
    const resume = page.getByRole('button', { name: /^Resume run \(step [\d,]+, MLP, .+\)$/ });
    await resume.waitFor();
    assert.match((await resume.textContent()) ?? '', new RegExp(`step ${saved.toLocaleString('en-US')}, MLP`));
    await resume.click();
    await waitFor(page, 'the resumed step', async () => (await stepOf(page)) === saved);
    await waitFor(page, 'the chart history', async () => (await chartSteps(page)).last === saved);
    assert.equal((await chartSteps(page)).first <= 2, true, 'the chart starts at the run start, not at the resume');
    assert.equal(await page.getByRole('region', { name: 'Resume a saved run' }).count(), 0);

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'steps after the resume', async () => (await stepOf(page)) > saved + 20);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    assert.ok((await chartSteps(page)).first <= 2);
    await waitFor(page, 'the save on pause', async () => /Saved step/.test((await page.getByTestId('last-save').textContent()) ?? ''));
    assert.equal(await page.locator('.run-list li').count(), 1, 'a resumed run saves under its own entry');
    await page.getByRole('button', { name: /^Delete the run at step/ }).click();
    await page.getByText('No saved runs yet.').waitFor();
    await page.context().close();
  });

  it('an exported run imports in a fresh browser and trains on; a corrupt file is refused while the run keeps training', async () => {
    const { page } = await openApp(browser, app);
    await trainTo(page, 60);
    const step = await stepOf(page);
    const run = await download(page, /Export run/);
    assert.match(run.name, /^ganvas-mlp-mnist-step\d+\.ganvas\.zip$/);
    assert.equal(decodeRun(new Uint8Array(run.bytes)).meta.step, step);
    await page.context().close();

    const fresh = await openApp(browser, app);
    await fresh.page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(fresh.page, 'training', async () => (await stepOf(fresh.page)) > 5);
    await fresh.page.getByLabel('Import run…').setInputFiles({ name: 'broken.ganvas.zip', mimeType: 'application/zip', buffer: run.bytes.subarray(0, 5000) });
    await fresh.page
      .getByRole('alert')
      .filter({ hasText: /not a zip|damaged/ })
      .waitFor();
    const before = await stepOf(fresh.page);
    await waitFor(fresh.page, 'training to go on', async () => (await stepOf(fresh.page)) > before + 20);
    assert.equal(await status(fresh.page), 'running');

    await fresh.page.getByLabel('Import run…').setInputFiles({ name: run.name, mimeType: 'application/zip', buffer: run.bytes });
    await waitFor(fresh.page, 'the imported step', async () => (await stepOf(fresh.page)) === step);
    assert.equal(await status(fresh.page), 'paused');
    await fresh.page.getByText(`Imported the run at step ${step.toLocaleString('en-US')}`).waitFor();
    await fresh.page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(fresh.page, 'steps after the import', async () => (await stepOf(fresh.page)) > step + 20);
    await fresh.page.context().close();
  });

  it('a downloaded generator opens in the generator-only view; new noise changes its grid; a bad file is refused', async () => {
    const { page } = await openApp(browser, app);
    await trainTo(page, 30);
    const gen = await download(page, /Download generator/);
    await page.getByLabel('Open generator…').setInputFiles(gen.path);
    const view = page.getByRole('region', { name: 'Generator only' });
    await view.waitFor();
    assert.match((await view.textContent()) ?? '', /MLP, [\d,]+ steps on mnist, seed 42/);
    const canvas = '.generator-view canvas.grid-canvas';
    await waitFor(page, 'the generator grid', async () => (await page.locator(canvas).getAttribute('data-seed')) === '1');
    const first = await gridHash(page, canvas);
    await page.getByRole('button', { name: 'New noise' }).click();
    await waitFor(page, 'new noise', async () => (await page.locator(canvas).getAttribute('data-seed')) === '2');
    assert.notEqual(await gridHash(page, canvas), first);
    // Its latent space: a slider re-renders the opened generator's sample.
    const sample = page.locator('.generator-view .latent-sliders-view canvas');
    await waitFor(page, "the opened generator's latent sample", async () => ((await sample.getAttribute('data-values')) ?? '') !== '');
    const values = await sample.getAttribute('data-values');
    await view.getByRole('slider', { name: /^z1/ }).press('ArrowLeft');
    await waitFor(page, 'the slider render', async () => (await sample.getAttribute('data-values')) !== values);

    await page.getByLabel('Open generator…').setInputFiles({ name: 'photo.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
    await page
      .getByRole('alert')
      .filter({ hasText: /not a zip file/ })
      .waitFor();
    assert.equal(await view.count(), 1, 'the open generator stays open');
    await page.getByRole('button', { name: 'Close' }).click();
    assert.equal(await view.count(), 0);
    await page.context().close();
  });

  it("Export recipe writes a PyTorch train.py with the run's model and the learning rates in force now", async () => {
    const { page } = await openApp(browser, app);
    const field = page.locator('input[name="gLearningRate"]');
    await field.fill('0.0005');
    await field.press('Enter');
    await waitFor(page, 'the new rate', async () => (await field.inputValue()) === '0.0005');
    const recipe = await download(page, /Export PyTorch recipe/);
    assert.equal(recipe.name, 'train.py');
    const text = recipe.bytes.toString('utf8');
    assert.match(text, /^MODEL = "mlp"$/m);
    assert.match(text, /^LR_G = 0\.0005$/m);
    assert.match(text, /^LR_D = 0\.001$/m);
    assert.match(text, /torchrun --nproc_per_node/);
    await page.context().close();
  });

  it('a full storage quota: autosave says so once, and training goes on', async () => {
    const { page } = await openApp(browser, app);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.url).origin, quotaSize: 50_000 });
    await trainTo(page, 50);
    await page
      .getByRole('alert')
      .filter({ hasText: /Autosave failed: the browser's storage for this site is full\. Training goes on/ })
      .waitFor();
    assert.match((await page.getByTestId('last-save').textContent()) ?? '', /Not saved yet/);
    const step = await stepOf(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'training after the failed save', async () => (await stepOf(page)) > step + 20);
    await page.context().close();
  });
});
