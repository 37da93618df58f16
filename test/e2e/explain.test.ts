// The explanation views as a user meets them: the model diagram, the guided tour, the balance meter, phase stepping, a shared link, a narrow screen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, shot, stepOf, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const PHASE_NAMES = ['noise', 'generate', 'discriminate', 'updateD', 'generatorThroughD', 'updateG'];

async function open(query: string, width = 1280, height = 720): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height } });
  return (await openApp(browser, app, query, context)).page;
}

/** Closes the page's context (page.ts checks its errors after the test). */
const done = (page: Page) => page.context().close();

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim() ?? ''}`);
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
const rowsOf = (page: Page, part: 'G' | 'D') =>
  page
    .locator(`[data-testid=layers-${part}] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent?.trim())));

/** Presses Step phase six times, checking that each phase lights its row of the list; returns what each phase reported. */
async function stepPhases(page: Page): Promise<string[]> {
  const results: string[] = [];
  const start = await stepOf(page);
  for (const [i, phase] of PHASE_NAMES.entries()) {
    await page.getByRole('button', { name: 'Step phase' }).click();
    const row = page.locator(`.phase-list li[data-phase=${phase}]`);
    await waitFor(page, `phase ${phase}`, async () => (await row.getAttribute('aria-current')) === 'step', 20_000);
    assert.match(await text(page, '[data-testid=diagram-state]'), /^Now: /);
    results.push(await text(page, `.phase-list li[data-phase=${phase}] .phase-result`));
    if (i < 5) assert.equal(await stepOf(page), start, `the step counter moved before G's update (at ${phase})`);
  }
  await waitFor(page, 'the step to count', async () => (await stepOf(page)) === start + 1, 10_000);
  return results;
}

describe('seeing inside the GAN', () => {
  it('the diagram shows the real layers; the tour walks the five steps by keyboard and stays dismissed', async () => {
    const page = await open('?backend=wasm&model=mlp');
    assert.deepEqual(await rowsOf(page, 'G'), [
      ['input', '100', ''],
      ['Dense relu', '128', '12,928'],
      ['Dense tanh', '784', '101,136'],
      ['Reshape', '28×28×1', '–'],
    ]);
    assert.equal(await text(page, '[data-testid=params-G]'), (100 * 128 + 128 + 128 * 784 + 784).toLocaleString('en-US'));
    assert.equal(await text(page, '[data-testid=params-D]'), (784 * 128 + 128 + 129).toLocaleString('en-US'));
    assert.deepEqual(
      (await rowsOf(page, 'D')).map((r) => r[1]),
      ['28×28×1', '784', '128', '1'],
    );

    // Open for a newcomer, pointing at the model choice.
    assert.equal(await text(page, '[data-testid=tour-step]'), '1. Define the architecture');
    assert.match((await page.locator('#model').getAttribute('class')) ?? '', /tour-target/);
    await shot(page, 'explain-tour-1280.png');

    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'BUTTON Tour');
    await page.keyboard.press('Enter');
    assert.match(await focused(page), /^H2 The five steps/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // close, Show me, Next (Back is disabled)
    assert.equal(await focused(page), 'BUTTON Next');
    const titles = [await text(page, '[data-testid=tour-step]')];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Enter');
      titles.push(await text(page, '[data-testid=tour-step]'));
    }
    assert.deepEqual(titles, ['1. Define the architecture', '2. Train the discriminator', '3. Train the generator', '4. Repeat', '5. Save the generator']);
    assert.match((await page.locator('[data-action=download-generator]').getAttribute('class')) ?? '', /tour-target/);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'BUTTON Show me');
    await page.keyboard.press('Enter');
    assert.match(await focused(page), /^BUTTON Download generator/);
    await page.locator('#guided-tour').getByRole('button', { name: 'Done' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#guided-tour').count(), 0);
    assert.equal(await page.locator('.tour-target').count(), 0, 'a control stayed lit after the tour closed');

    await page.reload();
    await page.locator('[data-testid=params-G]').waitFor();
    assert.equal(await page.locator('#guided-tour').count(), 0, 'a dismissed tour came back');
    await page.getByRole('button', { name: 'Tour' }).click();
    await page.locator('#guided-tour').waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#guided-tour').count(), 0);
    await done(page);
  });

  it('phase by phase, the balance meter, and a shared link that reproduces the first losses', async () => {
    const page = await open('?backend=wasm&model=mlp&seed=7');
    await page.getByRole('button', { name: 'Dismiss the tour' }).click();
    const reading = () => text(page, '[data-testid=balance-reading]');
    assert.match(await reading(), /No steps yet/);
    const dRate = page.locator('input[name=balance-dLearningRate]');
    await dRate.fill('0.002');
    await dRate.press('Enter');
    await waitFor(page, 'the rate in the control panel', async () => (await page.locator('input[name=dLearningRate]').inputValue()) === '0.002');

    const phases = await stepPhases(page);
    await shot(page.locator('.model-diagram'), 'explain-diagram-1280.png');
    assert.match(phases[3], /^D loss \d\.\d{4}; D was updated\.$/);
    assert.match(phases[5], /^G loss \d\.\d{4}; G was updated\. Step 1 is done\.$/);
    const first = await reading();
    assert.match(first, /^(Balanced|Detective winning|Forger fooling)/);

    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.getByTestId('share-link').inputValue();
    const params = new URL(link).searchParams;
    assert.deepEqual(
      [params.get('backend'), params.get('model'), params.get('seed'), params.get('dLearningRate'), params.get('batchSize')],
      ['wasm', 'mlp', '7', '0.002', '64'],
    );

    // Training: D and G alternate; the meter's verdict follows D's smoothed outputs.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'the running state', async () => /D and G alternate/.test(await text(page, '[data-testid=diagram-state]')));
    // A much faster detective and a nearly frozen forger: the detective wins, and the meter says so.
    for (const [name, value] of [
      ['balance-dLearningRate', '0.01'],
      ['balance-gLearningRate', '0.00001'],
    ]) {
      await page.locator(`input[name=${name}]`).fill(value);
      await page.locator(`input[name=${name}]`).press('Enter');
    }
    await waitFor(page, 'the detective to win', async () => (await reading()).startsWith('Detective winning'), 60_000);
    assert.notEqual(await reading(), first);
    await shot(page.locator('.balance-meter'), 'explain-balance-1280.png');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();

    const shared = await open(link.replace(/^https?:\/\/[^/]+\//, '/').replace(/^\//, ''));
    assert.equal(await shared.locator('input[name=seed]').inputValue(), '7');
    assert.equal(await shared.locator('input[name=dLearningRate]').inputValue(), '0.002');
    assert.deepEqual(await stepPhases(shared), phases, 'the same link gave other first losses');
    await done(shared);
    await done(page);
  });

  it('at 400 px everything stacks with no sideways scroll; a bad link value gets a notice and its default', async () => {
    const page = await open('?backend=wasm&model=mlp&seed=abc&gLearningRate=0.0005', 400, 800);
    assert.match(await text(page, '.notice-error'), /seed="abc" .*using 42/);
    assert.equal(await page.locator('input[name=seed]').inputValue(), '42');
    assert.equal(await page.locator('input[name=gLearningRate]').inputValue(), '0.0005');
    assert.ok(await noSideScroll(page), 'sideways scroll at 400 px with the tour open');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Step phase' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(page, 'some steps', async () => (await stepOf(page)) > 30, 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    assert.ok(await noSideScroll(page), 'sideways scroll at 400 px after training');
    const boxes = await page.locator('main > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    assert.ok(
      boxes.every((x) => Math.abs(x - boxes[0]) < 1),
      `the columns did not stack: ${boxes.join(', ')}`,
    );
    await shot(page, 'explain-400.png', true);
    await done(page);
  });
});
