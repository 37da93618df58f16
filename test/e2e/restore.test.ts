// Restores are exact in the browser, not only in Node: after reload + Resume, and after Export run ->
// Import run in a fresh browser context, the worker's state digests (weights, BatchNorm statistics,
// both Adams' moments and counters, noise and data positions, G's output on fixed noise) are bit for
// bit the ones at save time, and the next step's losses equal those of a run that was never interrupted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import type { StateDigest } from '../../src/shared/protocol';
import { openApp, setUpBrowser, stateOf, stepOf, stepTo, trainEnabled, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

/** One backend for every run compared (a different backend rounds differently). */
const QUERY = '?faults&backend=wasm&seed=42';
const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');

/** Step (the button) once on a paused run; the state after it. */
async function stepOnce(page: Page): Promise<StateDigest> {
  const step = await stepOf(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await waitFor(page, `step ${step + 1}`, async () => (await stepOf(page)) === step + 1);
  return stateOf(page);
}

/** A run that was never saved or loaded: `steps` steps, then one more. */
async function uninterrupted(query: string, steps: number): Promise<{ before: StateDigest; after: StateDigest }> {
  const { page } = await openApp(browser, app, query);
  await stepTo(page, steps, 120_000);
  const before = await stateOf(page);
  const after = await stepOnce(page);
  await page.context().close();
  return { before, after };
}

for (const model of ['mlp', 'dcgan'] as const) {
  describe(`an exact restore (${model})`, () => {
    it(
      "reload + Resume and Export -> Import in a fresh context give the saved state bit for bit, and the next step an uninterrupted run's losses",
      { timeout: 600_000 },
      async () => {
        const query = `${QUERY}&model=${model}`;
        const { page } = await openApp(browser, app, query);
        // Train (the loop, its adaptive read-back, a quality point perhaps), then Pause: the pause autosaves.
        await page.getByRole('button', { name: 'Train', exact: true }).click();
        await waitFor(page, 'some steps', async () => (await stepOf(page)) >= (model === 'mlp' ? 200 : 12), 120_000);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
        const saved = await stepOf(page);
        await waitFor(page, 'the autosave', async () =>
          new RegExp(`Saved step ${saved.toLocaleString('en-US')} `).test((await page.getByTestId('last-save').textContent()) ?? ''),
        );
        const atSave = await stateOf(page);
        assert.equal(atSave.step, saved);
        assert.equal(atSave.last?.step, saved);
        const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export run/ }).click()]);
        const file = { name: d.suggestedFilename(), mimeType: 'application/zip', buffer: readFileSync(await d.path()) };

        // The same seed, stepped the same number of times, never saved: what the restored runs must match.
        const reference = await uninterrupted(query, saved);
        assert.deepEqual(reference.before, atSave, 'the Train loop and exact Steps reach the same state');

        await page.reload();
        await trainEnabled(page);
        await page.getByRole('button', { name: /^Resume run \(step / }).click();
        await waitFor(page, 'the resumed step', async () => (await stepOf(page)) === saved);
        assert.deepEqual(await stateOf(page), atSave, 'after reload + Resume');
        assert.deepEqual(await stepOnce(page), reference.after, 'the step after Resume');
        await page.context().close();

        const fresh = await openApp(browser, app, query);
        await fresh.page.getByLabel('Import run…').setInputFiles(file);
        await waitFor(fresh.page, 'the imported step', async () => (await stepOf(fresh.page)) === saved);
        assert.deepEqual(await stateOf(fresh.page), atSave, 'after Export run -> Import run in a fresh context');
        assert.deepEqual(await stepOnce(fresh.page), reference.after, 'the step after Import');
        await fresh.page.context().close();
      },
    );
  });
}
