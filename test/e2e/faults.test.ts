// Each failure the app must survive, provoked in the real page (`?faults` exposes
// window.ganvasFault), with what the user sees checked: the message, where training
// went on, and that the step counter did not go back further than it should.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import type { FaultKind } from '../../src/shared/protocol';
import { launch, openApp, setUpBrowser, stepOf, waitFor } from './page';

let app: App;
let browser: Browser;
let gpuBrowser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

before(async () => {
  gpuBrowser = await launch(['--enable-unsafe-webgpu']);
});

after(async () => {
  await gpuBrowser?.close();
});

const fault = (page: Page, kind: FaultKind) => page.evaluate((k) => (window as unknown as { ganvasFault(k: string): void }).ganvasFault(k), kind);
const backendOf = async (page: Page) => ((await page.getByTestId('backend').textContent()) ?? '').split(' – ')[0];
const status = (page: Page) => page.locator('.status-line').getAttribute('data-status');
const alertText = (page: Page, text: RegExp) => page.getByRole('alert').filter({ hasText: text });
/** What the user was told, printed for docs/reliability.md. */
const seenBy = async (what: string, page: Page, text: RegExp) =>
  console.log(`[fault] ${what}: "${(await alertText(page, text).first().textContent())?.replace(/×$/, '')}"`);

async function train(page: Page, steps: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `step ${steps}`, async () => (await stepOf(page)) >= steps, 120_000);
}

describe('failures the app survives', () => {
  it('a NaN: training pauses, goes back to the last good step and says what to try; Train goes on', async () => {
    const { page } = await openApp(browser, app, '?faults');
    await train(page, 150);
    await fault(page, 'nan');
    const message = alertText(
      page,
      /(loss|weight) became NaN or infinite (at|by) step \d+\. Training paused and went back to step \d+, the last good state\. Lower the learning rates/,
    );
    await message.waitFor();
    await seenBy('nan', page, /NaN/);
    const back = Number(/went back to step (\d+)/.exec((await message.textContent()) ?? '')?.[1]);
    await waitFor(page, 'paused', async () => (await status(page)) === 'paused');
    assert.equal(await stepOf(page), back);
    await train(page, back + 30);
    await page.context().close();
  });

  for (const [name, query, gpu] of [
    ['WebGL context lost', '?faults&backend=webgl', false],
    ['WebGPU device lost', '?faults&backend=webgpu', true],
  ] as const) {
    it(`${name}: training moves to another backend, restores the last host copy and goes on`, { timeout: 240_000 }, async () => {
      const { page } = await openApp(gpu ? gpuBrowser : browser, app, query);
      const from = await backendOf(page);
      await train(page, 5);
      await fault(page, 'loseBackend');
      await alertText(
        page,
        /stopped working: the (WebGL context|WebGPU device) was lost.*Training moved to (wasm|webgl|cpu) and went back to step \d+, the last copy/,
      ).waitFor({ timeout: 60_000 });
      await seenBy(name, page, /stopped working/);
      await waitFor(page, 'a new backend', async () => (await backendOf(page)) !== from, 60_000);
      const after = await stepOf(page);
      await waitFor(page, 'training on the new backend', async () => (await stepOf(page)) > after + 10, 60_000);
      assert.equal(await status(page), 'running');
      await page.getByText('all backends').click();
      assert.match((await page.locator('.backend-details').textContent()) ?? '', /failed while training/);
      await page.context().close();
    });
  }

  it('a kernel gone from wasm: training moves on and loses no step', async () => {
    const { page } = await openApp(browser, app, '?faults');
    assert.equal(await backendOf(page), 'WASM');
    await train(page, 50);
    await fault(page, 'dropKernel');
    const message = alertText(page, /^wasm stopped working: .*Relu.* Training moved to (webgl|cpu) and lost nothing \(step (\d+)\)\./);
    await message.waitFor({ timeout: 60_000 });
    await seenBy('dropKernel', page, /stopped working/);
    const kept = Number(/lost nothing \(step (\d+)\)/.exec((await message.textContent()) ?? '')?.[1]);
    assert.ok(kept >= 50, `kept step ${kept}`);
    await waitFor(page, 'training after the move', async () => (await stepOf(page)) > kept + 10, 60_000);
    await page.context().close();
  });

  for (const kind of ['crash', 'hang'] as const) {
    it(
      `a worker that ${kind === 'crash' ? 'crashes' : 'hangs'}: the page notices, and Restart continues from the last save without a reload`,
      { timeout: 120_000 },
      async () => {
        const { page } = await openApp(browser, app, '?faults');
        await train(page, 100);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        await waitFor(page, 'a save', async () => /Saved step/.test((await page.getByTestId('last-save').textContent()) ?? ''));
        const saved = await stepOf(page);
        await page.getByRole('button', { name: 'Train', exact: true }).click();
        await waitFor(page, 'more steps', async () => (await stepOf(page)) > saved + 20);
        const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
        const faultAt = Date.now();
        await fault(page, kind);
        const banner = page.locator('.worker-health');
        await banner.waitFor({ timeout: 30_000 });
        const silentMs = Date.now() - faultAt;
        console.log(`[fault] ${kind}: "${await banner.textContent()}" (${silentMs} ms after the fault)`);
        // A hang is called one after 10 s of silence (the page's threshold), not before.
        if (kind === 'hang') assert.ok(silentMs >= 9_500, `the hang banner came ${silentMs} ms after the worker went silent`);
        assert.match((await banner.textContent()) ?? '', kind === 'crash' ? /crashed: .*injected fault/ : /has not answered for 1[01] s\./);
        await page.getByRole('button', { name: `Restart the worker from the last save (step ${saved.toLocaleString('en-US')})` }).click();
        await waitFor(page, 'the restored step', async () => (await stepOf(page)) === saved, 60_000);
        assert.equal(await banner.count(), 0);
        assert.equal(await page.evaluate(() => (window as unknown as { marker: number }).marker), marker, 'the page was not reloaded');
        await train(page, saved + 20);
        await page.context().close();
      },
    );
  }

  it('without ?faults the worker refuses a fault posted to it: an error, and the run trains on untouched', async () => {
    const { page } = await openApp(browser, app);
    assert.equal(await page.evaluate(() => 'ganvasFault' in window), false, 'the page offers no fault hook');
    await train(page, 30);
    // Post straight into the trainer worker, as a script on the page could.
    const worker = page.workers().find((w) => /trainer\.worker/.test(w.url()));
    assert.ok(
      worker,
      `no trainer worker among ${page
        .workers()
        .map((w) => w.url())
        .join(', ')}`,
    );
    for (const cmd of [{ type: 'fault', kind: 'crash' }, { type: 'fault', kind: 'nan' }, { type: 'readState' }]) {
      await worker.evaluate((c) => (self as unknown as { onmessage(e: { data: unknown }): void }).onmessage({ data: c }), cmd);
      await alertText(page, new RegExp(`Ignored '${cmd.type}': test hooks are off`))
        .first()
        .waitFor();
    }
    // Not crashed, not rolled back: the steps go on from where they were.
    const at = await stepOf(page);
    await waitFor(page, 'training to go on', async () => (await stepOf(page)) > at + 30, 60_000);
    assert.equal(await page.locator('.worker-health').count(), 0);
    assert.equal(await alertText(page, /NaN/).count(), 0);
    assert.equal(await status(page), 'running');
    await page.context().close();
  });

  for (const [what, body] of [
    ['truncated', (real: Buffer) => real.subarray(0, 100_000)],
    ['garbage', () => Buffer.alloc(50_000, 0x5a)],
  ] as const) {
    it(`a ${what} data file gives a message naming it, not a broken page`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const real = readFileSync('public/data/mnist/train-images-idx3-ubyte');
      await page.route('**/train-images-idx3-ubyte', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: body(real) }));
      await page.goto(app.url);
      const message = await alertText(page, /train-images-idx3-ubyte/).textContent();
      console.log(`[fault] ${what} data file: "${message?.replace(/×$/, '')}"`);
      assert.match(message ?? '', what === 'truncated' ? /truncated|expected \d+ bytes/i : /not an idx|magic|wrong kind/i);
      assert.equal(await status(page), 'error');
      assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled(), true);
      await context.close();
    });
  }
});
