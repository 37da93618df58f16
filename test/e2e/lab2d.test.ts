// The 2D lab as a user drives it: presets, painting your own data, layer toggles, a shared link.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { startPlain } from './hosts';
import { gifImages } from './gif';
import { gridHash, openApp, setUpBrowser, waitFor } from './page';
import { labState } from './labHooks';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

/** Steps both presets get: in Node (scripts/bench/lab2dPresets.ts) plain BCE held at most 4 modes through 2,500 steps and k = 5 reached 8 by 2,250, seeds 1-5. */
const BUDGET = 2500;
const CANVAS = 'canvas[data-index="0"]';

const stats = (page: Page, i: number) =>
  page.evaluate((k) => {
    const s = document.querySelectorAll('[data-testid=lab-stats] span')[k] as HTMLElement | undefined;
    return { step: Number(s?.dataset.step ?? -1), modes: Number(s?.dataset.modes ?? -1), js: Number(s?.dataset.js ?? NaN) };
  }, i);

async function paint(page: Page, strokes: [number, number, number][]): Promise<void> {
  const box = await page.locator(CANVAS).boundingBox();
  if (!box) throw new Error('no canvas');
  for (const [x, y, length] of strokes) {
    await page.mouse.move(box.x + x, box.y + y);
    await page.mouse.down();
    for (let d = 0; d <= length; d += 3) await page.mouse.move(box.x + x + d, box.y + y + d / 3);
    await page.mouse.up();
  }
}

/** Mean distance (data units) from each shown fake to its nearest painted point, read through the test hooks (`?faults`). */
const distanceToDrawing = (page: Page) =>
  page.evaluate(() => {
    const lab = (window as unknown as { ganvasLab: { frames: { fake: Float32Array }[]; drawn: () => number[] } }).ganvasLab;
    const [fake, drawn] = [lab.frames[0].fake, lab.drawn()];
    let total = 0;
    for (let i = 0; i < fake.length; i += 2) {
      let best = Infinity;
      for (let j = 0; j < drawn.length; j += 2) best = Math.min(best, Math.hypot(fake[i] - drawn[j], fake[i + 1] - drawn[j + 1]));
      total += best;
    }
    return total / (fake.length / 2);
  });

/** Whether the browser's storage holds a lab autosave (IndexedDB 'ganvas-lab', store 'autosave', key 'last'). */
const autosaved = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('ganvas-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('autosave')) return resolve(false);
          const count = db.transaction('autosave').objectStore('autosave').count('last');
          count.onsuccess = () => resolve(count.result > 0);
          count.onerror = () => reject(count.error);
        };
      }),
  );

const noErrors = (seen: { errors: string[]; foreignRequests: string[] }) => {
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.foreignRequests, []);
};

describe('the 2D lab', () => {
  it(`on the ring, unrolled (k = 5) covers >= 7 of 8 modes within ${BUDGET} steps and the plain BCE GAN <= 4`, async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d');
    await page.locator('#lab-preset').selectOption('Unrolled vs plain, side by side');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, `${BUDGET} steps`, async () => (await stats(page, 1)).step >= BUDGET, 600_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const [plain, unrolled] = [await stats(page, 0), await stats(page, 1)];
    console.log(`plain: ${plain.modes} modes, unrolled: ${unrolled.modes} modes at step ${unrolled.step}`);
    assert.ok(unrolled.modes >= 7, `unrolled covers ${unrolled.modes} of 8`);
    assert.ok(plain.modes <= 4, `plain covers ${plain.modes} of 8`);
    noErrors(seen);
    await page.context().close();
  });

  it('painting: under 20 points is refused and kept; 30+ points train, and the fakes move onto them', async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d&faults');
    await page.locator('select[name=data]').selectOption('custom');
    await paint(page, [[100, 100, 40]]);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByText(/Draw at least 20 points/).waitFor();
    const few = Number(/\((\d+) so far/.exec((await page.locator('.lab-drawing').textContent()) ?? '')?.[1]);
    assert.ok(few > 0 && few < 20, `${few} points painted`);
    await paint(page, [
      [300, 120, 90],
      [120, 330, 90],
    ]);
    const n = Number(/\((\d+) so far/.exec((await page.locator('.lab-drawing').textContent()) ?? '')?.[1]);
    assert.ok(n >= 30, `${n} points painted, the first stroke kept`);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitFor(page, 'first stats', async () => (await stats(page, 0)).step >= 0);
    const before = await stats(page, 0);
    const near0 = await distanceToDrawing(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '1500 steps', async () => (await stats(page, 0)).step >= 1500, 300_000);
    const after = await stats(page, 0);
    console.log(`JS to the drawing: ${before.js.toFixed(3)} at step ${before.step}, ${after.js.toFixed(3)} at ${after.step}`);
    const near = await distanceToDrawing(page);
    console.log(`mean distance from a fake to the nearest painted point: ${near0.toFixed(3)} -> ${near.toFixed(3)}`);
    assert.ok(after.js < before.js / 2, `JS ${before.js} -> ${after.js}`);
    assert.ok(near < near0 / 3 && near < 0.25, `fakes are ${near} from the drawing (were ${near0})`);
    noErrors(seen);
    await page.context().close();
  });

  it('each layer toggle changes the canvas', async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d');
    for (let i = 0; i < 30; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'the 30th step drawn', async () => (await page.locator(CANVAS).getAttribute('data-step')) === '30');
    const hashNow = () => gridHash(page, CANVAS);
    const settle = () => page.waitForTimeout(400);
    await settle();
    const all = await hashNow();
    for (const layer of ['real', 'fake', 'heatmap', 'mesh', 'arrows']) {
      await page.locator(`input[name=layer-${layer}]`).uncheck();
      await settle();
      assert.notEqual(await hashNow(), all, `turning off ${layer} changed nothing`);
      await page.locator(`input[name=layer-${layer}]`).check();
      await settle();
      assert.equal(await hashNow(), all, `turning ${layer} back on did not restore the picture`);
    }
    noErrors(seen);
    await page.context().close();
  });

  it('Step phase walks one step through its six phases on the canvas, then the step is counted', async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d');
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'the 5th step drawn', async () => (await page.locator(CANVAS).getAttribute('data-step')) === '5');
    const banner = page.locator('.lab-phase');
    const seenPhases: string[] = [];
    const pictures: Awaited<ReturnType<typeof gridHash>>[] = [];
    for (const phase of ['sample', 'generate', 'discriminate', 'updateD', 'push', 'updateG']) {
      await page.getByRole('button', { name: 'Step phase', exact: true }).click();
      await waitFor(page, `phase ${phase}`, async () => (await banner.getAttribute('data-phase')) === phase);
      await page.waitForTimeout(300);
      seenPhases.push(((await banner.textContent()) ?? '').slice(0, 40));
      pictures.push(await gridHash(page, CANVAS));
    }
    console.log(seenPhases.join(' | '));
    assert.match((await banner.textContent()) ?? '', /Phase 6 of 6\. Update G: .* moved \d\.\d+ on average/);
    // Each phase changes what is drawn except discriminate (it only scores the batch).
    for (const [i, phase] of [
      [1, 'generate'],
      [3, 'updateD'],
      [4, 'push'],
      [5, 'updateG'],
    ] as const)
      assert.notEqual(pictures[i], pictures[i - 1], `${phase} changed nothing on the canvas`);
    assert.equal(await page.locator(CANVAS).getAttribute('data-step'), '6');
    // Training on from the middle of a step settles it first: the banner goes and the counter moves on.
    await page.getByRole('button', { name: 'Step phase', exact: true }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'the phase view gone', async () => (await banner.count()) === 0);
    // The canvas redraws in its own animation frame, after the banner's render.
    await waitFor(page, 'step 7 drawn', async () => (await page.locator(CANVAS).getAttribute('data-step')) === '7');
    noErrors(seen);
    await page.context().close();
  });

  it('the timelapse keeps the canvas through the run: scrubbing shows earlier pictures, and the GIF has one frame per picture', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const { page, seen } = await openApp(browser, app, '?mode=lab2d', context);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '1,500 steps', async () => (await stats(page, 0)).step >= 1500, 120_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // The pause's exact stopping point reaches the canvas after the click, and may add a picture: wait for it.
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
    await page.waitForTimeout(300);
    const film = page.getByRole('region', { name: 'Timelapse', exact: true });
    const scrub = film.locator('input[type=range]');
    const pictures = Number(await scrub.getAttribute('max')) + 1;
    assert.ok(pictures >= 5, `${pictures} pictures kept`);
    const shown = film.locator('canvas');
    const [lastStep, lastPicture] = [Number(await shown.getAttribute('data-step')), await gridHash(page, '.lab-timelapse canvas')];
    await scrub.fill('0');
    await waitFor(page, 'the first picture', async () => Number(await shown.getAttribute('data-step')) < lastStep);
    assert.equal(await shown.getAttribute('data-step'), '0');
    assert.notEqual(await gridHash(page, '.lab-timelapse canvas'), lastPicture, 'step 0 looks like the latest picture');
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), film.getByRole('button', { name: 'Download GIF' }).click()]);
    const gif = readFileSync(await d.path());
    assert.equal(gif.subarray(0, 6).toString('latin1'), 'GIF89a');
    const frames = gifImages(gif);
    const kept = Number(await scrub.getAttribute('max')) + 1;
    assert.equal(kept, pictures, 'a picture was added while paused');
    assert.equal(frames, pictures, `${frames} GIF frames for ${pictures} pictures`);
    assert.match(d.suggestedFilename(), /^ganvas-2d-lab-step-\d+\.gif$/);
    // Reset starts a new film.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await waitFor(page, 'the film cleared', async () => (await film.count()) === 0);
    noErrors(seen);
    await context.close();
  });

  it('Save run and Open run: a fresh page opens the file at the same step, setup and chart, and trains on; a damaged file is refused and the run kept', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const { page, seen } = await openApp(browser, app, '?mode=lab2d&seed=3&loss=lsgan&dWidth=24', context);
    for (let i = 0; i < 40; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(page, 'step 40 drawn', async () => (await page.locator(CANVAS).getAttribute('data-step')) === '40');
    await waitFor(page, 'the chart at 40 points', async () => (await page.locator('.lab-charts').getAttribute('data-points')) === '40');
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Save run' }).click()]);
    assert.match(d.suggestedFilename(), /^ganvas-2d-lab-step40\.ganvas-lab\.zip$/);
    const file = await d.path();
    // A fresh page with the default setup opens it.
    const { page: fresh, seen: seenFresh } = await openApp(browser, app, '?mode=lab2d', context);
    await waitFor(fresh, 'the default run drawn', async () => (await fresh.locator(CANVAS).getAttribute('data-step')) === '0');
    await fresh.locator('input[aria-label="Open a saved 2D lab run"]').setInputFiles(file);
    await waitFor(fresh, 'the run opened at step 40', async () => (await fresh.locator(CANVAS).getAttribute('data-step')) === '40');
    assert.equal(await fresh.locator('select[name=loss]').inputValue(), 'lsgan');
    assert.match(fresh.url(), /seed=3/);
    await waitFor(fresh, 'the chart back at 40 points', async () => (await fresh.locator('.lab-charts').getAttribute('data-points')) === '40');
    await fresh.getByRole('button', { name: 'Step', exact: true }).click();
    await waitFor(fresh, 'step 41', async () => (await fresh.locator(CANVAS).getAttribute('data-step')) === '41');
    // A damaged file: a clear message, and the run is still at step 41.
    await fresh
      .locator('input[aria-label="Open a saved 2D lab run"]')
      .setInputFiles({ name: 'broken.ganvas-lab.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
    await fresh.getByText(/This is not a 2D lab run ganvas can open: not a zip file/).waitFor();
    assert.equal(await fresh.locator(CANVAS).getAttribute('data-step'), '41');
    noErrors(seen);
    noErrors(seenFresh);
    await context.close();
  });

  it("the balance meter reads A's D(x) and D(G(z)); its rate fields are the setup's own, live, and tip the balance", async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d');
    const reading = async () => ((await page.getByTestId('balance-reading').textContent()) ?? '').trim();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'a balanced reading', async () => (await reading()) === 'Balanced', 60_000);
    for (const [name, value] of [
      ['balance-dLearningRate', '0.01'],
      ['balance-gLearningRate', '0.00001'],
    ]) {
      await page.locator(`input[name="${name}"]`).fill(value);
      await page.locator(`input[name="${name}"]`).press('Enter');
    }
    await waitFor(page, 'the detective to win', async () => (await reading()).startsWith('Detective winning'), 60_000);
    assert.equal(await page.locator('input[name="dLearningRate"]').inputValue(), '0.01');
    assert.match(page.url(), /dLearningRate=0\.01/);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    noErrors(seen);
    await page.context().close();
  });

  it("the lab's own tour lights what each step is about, walks six steps, and stays dismissed apart from the digits tour", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, seen } = await openApp(browser, app, '?mode=lab2d', context);
    const tour = page.locator('#guided-tour');
    await tour.getByText('The 2D lab in six steps').waitFor();
    const titles: string[] = [];
    for (let i = 0; i < 6; i++) {
      titles.push(((await page.getByTestId('tour-step').textContent()) ?? '').trim());
      // Every step lights at least one thing on the page.
      assert.ok((await page.locator('.tour-target').count()) > 0, `${titles.at(-1)} lights nothing`);
      await tour.getByRole('button', { name: i === 5 ? 'Done' : 'Next' }).click();
    }
    assert.deepEqual(titles, ['1. Real and fake points', "2. D's landscape", "3. G's map", '4. The push', '5. Mode collapse, and a fix', '6. Keep it']);
    await waitFor(page, 'the tour closed', async () => (await tour.count()) === 0);
    await page.reload();
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
    assert.equal(await tour.count(), 0, 'the dismissed tour came back');
    await page.goto(app.url);
    await page.getByText('The five steps').waitFor();
    noErrors(seen);
    await context.close();
  });

  it('a run that diverges goes back to its last finite state, pauses and says why; the chart keeps no point past it', async () => {
    const { page, seen } = await openApp(browser, app, '?mode=lab2d&opt=sgd&loss=lsgan&gLr=1&dLr=1');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/Training diverged at step \d+ .* went back to step 0, the last finite state kept, and paused/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
    await waitFor(page, 'the canvas back at step 0', async () => (await page.locator(CANVAS).getAttribute('data-step')) === '0');
    assert.equal(await page.locator('.lab-charts').getAttribute('data-points'), '0');
    noErrors(seen);
    await page.context().close();
  });

  it('the run is saved as it trains: a reopened page offers it, Resume brings it back exactly (weights, Adam, stream, step), Discard forgets it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, seen } = await openApp(browser, app, '?mode=lab2d&seed=4&faults', context);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, '300 steps', async () => (await stats(page, 0)).step >= 300, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.waitForTimeout(300);
    const step = await page.locator(CANVAS).getAttribute('data-step');
    // The paused run as the worker holds it, piece by piece: what the pause saved.
    const saved = await labState(page);
    assert.equal(String(saved[0].step), step);
    const offer = page.getByRole('region', { name: 'Resume the last 2D run' });
    const reopen = async () => {
      await page.goto(`${app.url}?mode=lab2d&faults`);
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
    };
    await waitFor(
      page,
      'the pause saved',
      async () => {
        await reopen();
        return (await offer.count()) > 0;
      },
      30_000,
    );
    assert.match(
      (await offer.textContent()) ?? '',
      new RegExp(`saved at step ${Number(step).toLocaleString('en-US')} `),
      'the paused step is not the saved one',
    );
    await offer.getByRole('button', { name: 'Resume it' }).click();
    await waitFor(page, `the run back at step ${step}`, async () => (await page.locator(CANVAS).getAttribute('data-step')) === step);
    assert.match(page.url(), /seed=4/);
    assert.deepEqual(await labState(page), saved, 'the resumed run is not the saved one, bit for bit');
    await reopen();
    assert.equal(await autosaved(page), true);
    await offer.getByRole('button', { name: 'Discard' }).click();
    await offer.waitFor({ state: 'detached' });
    // Discard forgets it: the browser's storage no longer holds the run, and a new visit offers nothing.
    await waitFor(page, 'the discarded run gone from storage', async () => !(await autosaved(page)), 10_000);
    await reopen();
    assert.equal(await autosaved(page), false, 'the discarded run came back into storage');
    assert.equal(await offer.count(), 0, 'a discarded run was offered again');
    noErrors(seen);
    await context.close();
  });

  it('a shared link rebuilds the same run: the same first losses', async () => {
    const first = async (query: string) => {
      const { page, seen } = await openApp(browser, app, query);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await waitFor(page, 'a first loss', async () => ((await page.locator('.lab-charts').getAttribute('data-first-losses')) ?? '') !== '');
      const losses = await page.locator('.lab-charts').getAttribute('data-first-losses');
      const url = page.url();
      noErrors(seen);
      await page.context().close();
      return { losses, query: url.slice(url.indexOf('?')) };
    };
    const a = await first('?mode=lab2d&seed=5&loss=lsgan&dWidth=16&data=moons');
    assert.match(a.query, /seed=5/);
    const b = await first(a.query);
    assert.equal(b.losses, a.losses);
    const other = await first('?mode=lab2d&seed=6&loss=lsgan&dWidth=16&data=moons');
    assert.notEqual(other.losses, a.losses, 'the seed changes the first losses');
  });

  it('a first visit to the lab alone saves the offline copy: it opens and trains again with no network and no server', async () => {
    const plain = await startPlain('dist');
    let serving = true;
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { page, seen } = await openApp(browser, plain, '?mode=lab2d', context);
      await waitFor(
        page,
        'the offline copy',
        () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'),
        60_000,
      );
      await plain.stop();
      serving = false;
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await waitFor(page, '200 steps offline', async () => (await stats(page, 0)).step >= 200, 60_000);
      noErrors(seen);
      await context.close();
    } finally {
      if (serving) await plain.stop();
    }
  });
});
