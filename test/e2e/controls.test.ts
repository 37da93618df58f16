// The digits page's controls as a user finds them (by role and name), each checked for what the
// user sees change and, where it changes training, for what the worker did: the run file it
// writes, its state digests, its step counter. One MLP page serves several checks where it can.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { decodeRun, type RunArchive } from '../../src/engine/runfile/runArchive';
import { openApp, setUpBrowser, stateOf, stepOf, stepTo, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');
const lastSave = async (page: Page) => (await page.getByTestId('last-save').textContent()) ?? '';

/** A field set the way a user does it: type, then Enter. */
async function type(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** What the Run statistics list says beside `term`. */
const statistic = async (page: Page, term: string) =>
  (await page
    .getByLabel('Run statistics')
    .locator('div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
    .textContent()) ?? '';

/** The run as the worker writes it (Export run). */
async function exported(page: Page): Promise<RunArchive> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run (.ganvas.zip)' }).click()]);
  return decodeRun(new Uint8Array(readFileSync(await d.path())));
}

async function train(page: Page, steps: number): Promise<void> {
  const from = await stepOf(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `${steps} more steps`, async () => (await stepOf(page)) >= from + steps, 60_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
}

describe('the controls reach the worker', () => {
  it('the fast Adam runs; β1, label smoothing and instance noise reach the worker; a dismissed notice stays gone', async () => {
    const { page } = await openApp(browser, app, '?faults&seed=1');
    // Adam's update runs the WASM SIMD kernel on the page's wasm backend (not the JS loop that stands in without it).
    assert.equal(await statistic(page, 'Backend'), 'wasm');
    await stepTo(page, 2, 60_000);
    await waitFor(page, 'the Adam kernel', async () => (await statistic(page, 'Adam')) !== '…');
    assert.equal(await statistic(page, 'Adam'), 'WASM SIMD');

    // Instance noise applies on Reset; β1 and label smoothing at the next step.
    await type(page, 'Instance noise (std)', '0.07');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitFor(page, 'the new run', async () => (await stepOf(page)) === 0 && (await status(page)) !== 'loading', 60_000);
    await type(page, 'Adam β1', '0.65');
    await type(page, 'Label smoothing', '0.15');
    await stepTo(page, 3, 60_000);
    const run = await exported(page);
    assert.equal(run.meta.config.instanceNoise, 0.07);
    assert.equal(run.meta.live.beta1, 0.65);
    assert.equal(run.meta.live.labelSmoothing, 0.15);
    // Recorded by the worker as changes before the steps it trained with them.
    const changed = run.meta.changes.filter((c) => c.params.beta1 === 0.65 && c.params.labelSmoothing === 0.15);
    assert.ok(changed.length && changed[0].step === 0, `changes ${JSON.stringify(run.meta.changes)}`);

    // The export's notice: dismissed, it is gone, and still gone when the next notice comes.
    const exportNotice = page.getByText(/^Run saved as ganvas-mlp-mnist-step3\.ganvas\.zip\.$/);
    await exportNotice.waitFor();
    await page.locator('.notice').filter({ has: exportNotice }).getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await exportNotice.count(), 0);
    const [gen] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download generator (.zip)' }).click()]);
    await gen.path();
    await page.getByText('Generator saved at step 3.').waitFor();
    assert.equal(await exportNotice.count(), 0, 'the dismissed notice came back');
    await page.context().close();
  });

  it('autosave: an out-of-range interval is refused beside the field, a valid one saves on time; Resume in the runs list brings back that run', async () => {
    const { page } = await openApp(browser, app, '?faults&seed=2');
    const field = page.getByLabel('Autosave every (seconds)');
    await type(page, 'Autosave every (seconds)', '5000');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    const said = page.locator(`#${await field.getAttribute('aria-describedby')}`);
    assert.equal(await said.textContent(), 'a whole number from 0 (off) to 3600');
    assert.equal(await said.getAttribute('role'), 'alert');
    await type(page, 'Autosave every (seconds)', '1');
    assert.equal(await field.getAttribute('aria-invalid'), null);
    assert.equal(await said.count(), 0);

    // Saved while training runs (not the save on pause), within a few seconds: the default is 30 s.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'a save while training', async () => /^Saved step/.test(await lastSave(page)) && (await status(page)) === 'running', 8_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
    const first = await stepOf(page);
    await waitFor(page, 'the save on pause', async () => (await lastSave(page)).startsWith(`Saved step ${first.toLocaleString('en-US')} `));
    const firstState = await stateOf(page);

    // A second run, saved too; then the first, resumed from the list.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitFor(page, 'the new run', async () => (await stepOf(page)) === 0 && (await status(page)) === 'paused', 60_000);
    await train(page, 20);
    const second = await stepOf(page);
    await waitFor(
      page,
      'both runs listed',
      async () =>
        (await page
          .getByRole('listitem')
          .filter({ hasText: /MLP · step/ })
          .count()) === 2,
    );
    const firstItem = page.getByRole('listitem').filter({ hasText: `MLP · step ${first.toLocaleString('en-US')}` });
    assert.equal(await firstItem.getByRole('button', { name: 'Resume' }).isEnabled(), true);
    assert.equal(await page.getByRole('listitem').filter({ hasText: '(this run)' }).getByRole('button', { name: 'Resume' }).isDisabled(), true);
    await firstItem.getByRole('button', { name: 'Resume' }).click();
    await waitFor(page, `step ${first}`, async () => (await stepOf(page)) === first);
    await page.getByText(`Resumed the run at step ${first.toLocaleString('en-US')}. Press Train to continue.`).waitFor();
    assert.match((await firstItem.textContent()) ?? '', /\(this run\)/);
    assert.notEqual(first, second);
    const resumed = await stateOf(page);
    assert.deepEqual(
      [resumed.g, resumed.d, resumed.gAdam, resumed.dAdam],
      [firstState.g, firstState.d, firstState.gAdam, firstState.dAdam],
      'not the first run’s weights',
    );
    await page.context().close();
  });

  it('Keep waiting on the hang banner: it comes after 10 s of silence, not before; it goes, and training goes on when the worker answers', async () => {
    const { page } = await openApp(browser, app, '?faults&seed=3');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'training', async () => (await stepOf(page)) > 20);
    const banner = page.getByRole('alert').filter({ hasText: /has not answered/ });
    const from = Date.now();
    await page.evaluate(() => (window as unknown as { ganvasFault(k: string): void }).ganvasFault('stall'));
    await banner.waitFor({ timeout: 20_000 });
    const after = Date.now() - from;
    assert.ok(after >= 9_500, `the banner came ${after} ms after the worker went silent`);
    assert.match((await banner.textContent()) ?? '', /The training worker has not answered for 1[01] s\./);
    const stalled = await stepOf(page);
    await page.getByRole('button', { name: 'Keep waiting' }).click();
    assert.equal(await banner.count(), 0);
    await waitFor(page, 'training after the stall', async () => (await stepOf(page)) > stalled + 30, 30_000);
    assert.equal(await status(page), 'running');
    assert.equal(await banner.count(), 0, 'the banner came back while waiting');
    await page.context().close();
  });

  it('the latent walk: the path changes the picture between fixed ends, Reroll changes an end, Play animates', async () => {
    const { page } = await openApp(browser, app, '?faults&seed=4');
    await stepTo(page, 100, 60_000);
    const latent = page.getByRole('region', { name: 'Latent space of the training generator', exact: true });
    await latent.scrollIntoViewIfNeeded();
    const strip = latent.getByRole('img', { name: /^8 images from seed 1 to seed \d+ along a great circle$/ });
    await waitFor(page, 'the walk', async () => (await strip.count()) === 1 && (await framesOf(strip)) !== null);
    const slerp = (await framesOf(strip)) ?? [];

    await latent.getByRole('radio', { name: 'Straight line' }).check();
    const line = latent.getByRole('img', { name: /along a straight line$/ });
    await waitFor(
      page,
      'the straight-line walk',
      async () => (await line.count()) === 1 && (await framesOf(line))?.slice(1, 7).join() !== slerp.slice(1, 7).join(),
    );
    const linear = (await framesOf(line)) ?? [];
    assert.deepEqual([linear[0], linear[7]], [slerp[0], slerp[7]], 'the same two ends');

    await latent.getByRole('button', { name: 'Reroll Start seed' }).click();
    const start = Number(await latent.getByRole('spinbutton', { name: /^Start seed/ }).inputValue());
    assert.notEqual(start, 1);
    const rerolled = latent.getByRole('img', { name: `8 images from seed ${start} to seed 2 along a straight line` });
    await waitFor(page, 'the rerolled walk', async () => (await rerolled.count()) === 1 && (await framesOf(rerolled))?.[0] !== linear[0]);
    assert.equal((await framesOf(rerolled))?.[7], linear[7], 'the end seed’s image stays');

    // Stopped, the frame stays; Play moves it through the walk.
    const frame = latent.getByRole('img', { name: /^Frame \d of 8 between/ });
    const pause = latent.getByRole('button', { name: 'Pause animation' });
    if (await pause.count()) await pause.click();
    const play = latent.getByRole('button', { name: 'Play animation' });
    assert.equal(await play.getAttribute('aria-pressed'), 'false');
    const still = await frame.getAttribute('aria-label');
    await play.click();
    const seen = new Set<string | null>([still]);
    await waitFor(page, 'three frames of the animation', async () => seen.add(await frame.getAttribute('aria-label')).size >= 3, 5_000);
    assert.equal(await latent.getByRole('button', { name: 'Pause animation' }).getAttribute('aria-pressed'), 'true');
    await page.context().close();
  });
});

/** A fingerprint of each 28-pixel frame of a latent walk's strip. */
const framesOf = (strip: Locator) =>
  strip.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!d?.[3]) return null; // not drawn yet
    const out = new Array<number>(c.width / 28).fill(0);
    for (let y = 0; y < c.height; y++)
      for (let x = 0; x < c.width; x++) out[Math.floor(x / 28)] = (out[Math.floor(x / 28)] * 31 + d[(y * c.width + x) * 4] + 1) | 0;
    return out;
  });
