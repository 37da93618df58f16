// The 2D lab's controls as a user finds them (by role and name): each changes what the page shows and,
// where it changes training, what the worker did (its state digest, read with `?faults`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { LAB2D_PRESETS } from '../../src/shared/lab2dPresets';
import { LAB2D_SETTINGS } from '../../src/shared/settings';
import type { Lab2dConfig } from '../../src/shared/lab2dProtocol';
import { CANVAS, drawnStep, labState, paintedCount } from './labHooks';
import { gridHash, openApp, setUpBrowser, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const panel = (page: Page) => page.getByRole('region', { name: '2D lab controls' });
/** G's loss at the chart's first point (its data-first-losses is "dLoss,gLoss"). */
const firstGLoss = async (page: Page) => Number(((await page.locator('.lab-charts').getAttribute('data-first-losses')) ?? '').split(',')[1]);

async function stepAndWait(page: Page, name: string, to: number): Promise<void> {
  await button(page, name).click();
  await waitFor(page, `step ${to} drawn`, async () => (await drawnStep(page)) === to);
  await page.getByTestId('lab-stats').getByText(`A: step ${to},`).waitFor();
}

describe('the 2D lab controls', () => {
  it("Step D only moves D and not G, Step G only the reverse; the minimax G loss reaches the worker and G's loss turns negative", async () => {
    const { page } = await openApp(browser, app, '?mode=lab2d&faults');
    await waitFor(page, 'the run drawn', async () => (await drawnStep(page)) === 0);
    const [s0] = await labState(page);
    await stepAndWait(page, 'Step D only', 1);
    const [s1] = await labState(page);
    assert.equal(s1.step, 1);
    assert.notEqual(s1.d, s0.d, "Step D only left D's weights as they were");
    assert.notEqual(s1.dAdam, s0.dAdam, "Step D only left D's Adam as it was");
    assert.deepEqual([s1.g, s1.gAdam], [s0.g, s0.gAdam], 'Step D only moved G');
    // The non-saturating loss -log D(G(z)) is positive: the chart's first point says so.
    assert.ok((await firstGLoss(page)) > 0, `G's loss ${await firstGLoss(page)} with the non-saturating form`);
    await stepAndWait(page, 'Step G only', 2);
    const [s2] = await labState(page);
    assert.notEqual(s2.g, s1.g, "Step G only left G's weights as they were");
    assert.notEqual(s2.gAdam, s1.gAdam, "Step G only left G's Adam as it was");
    assert.deepEqual([s2.d, s2.dAdam], [s1.d, s1.dAdam], 'Step G only moved D');
    assert.equal(await page.locator('.lab-charts').getAttribute('data-points'), '2');

    await panel(page).getByLabel("G's loss (with BCE)").selectOption('minimax');
    await waitFor(page, 'a new run at step 0', async () => (await drawnStep(page)) === 0);
    assert.equal((JSON.parse((await labState(page))[0].config) as Lab2dConfig).gLossForm, 'minimax');
    assert.match(page.url(), /gForm=minimax/);
    await stepAndWait(page, 'Step', 1);
    // log(1 - D(G(z))) is negative: the worker trains G on the minimax loss.
    const g = await firstGLoss(page);
    assert.ok(g < 0, `G's loss ${g} with the minimax form`);
    await page.context().close();
  });

  it('each preset but side by side sets its setup in the panel and the worker and says what to watch; Undo and Clear take back the drawing', async () => {
    const { page } = await openApp(browser, app, '?mode=lab2d&faults');
    const setup = panel(page);
    for (const preset of LAB2D_PRESETS.filter((p) => p.name !== 'Unrolled vs plain, side by side')) {
      await setup.getByLabel('Preset').selectOption(preset.name);
      await setup.getByText(preset.watch).waitFor();
      const shownB = page.getByLabel("B: data, fakes and D's verdict");
      assert.equal(await shownB.count(), preset.versus ? 1 : 0, `${preset.name}: a canvas B ${preset.versus ? 'missing' : 'shown'}`);
      const wanted = [preset.config, ...(preset.versus ? [{ ...preset.config, ...preset.versus }] : [])];
      await waitFor(page, `${preset.name} in the worker`, async () => {
        const configs = (await labState(page)).map((d) => JSON.parse(d.config) as Lab2dConfig);
        return configs.length === wanted.length && configs.every((c, i) => Object.entries(wanted[i]).every(([k, v]) => c[k as keyof Lab2dConfig] === v));
      });
      for (const [k, v] of Object.entries(preset.config)) {
        // Setup A's field comes first (B's has the same label).
        const field = setup.getByLabel(LAB2D_SETTINGS[k as keyof Lab2dConfig].label, { exact: true }).first();
        const shown = await field.inputValue();
        assert.ok(typeof v === 'number' ? Number(shown) === v : shown === v, `${preset.name}: ${k} shows ${shown}, not ${v}`);
      }
    }

    await setup.getByLabel('Data', { exact: true }).selectOption('custom');
    const box = await page.locator(CANVAS).boundingBox();
    if (!box) throw new Error('no canvas');
    const stroke = async (x: number, y: number) => {
      await page.mouse.move(box.x + x, box.y + y);
      await page.mouse.down();
      for (let d = 0; d <= 60; d += 3) await page.mouse.move(box.x + x + d, box.y + y + d / 2);
      await page.mouse.up();
      await page.waitForTimeout(300);
    };
    const picture = () => gridHash(page, CANVAS);
    const blank = await picture();
    await stroke(100, 100);
    const [one, onePicture] = [await paintedCount(page), await picture()];
    await stroke(300, 300);
    const two = await paintedCount(page);
    assert.ok(one > 0 && two > one, `${one} then ${two} points painted`);
    await setup.getByRole('button', { name: 'Undo' }).click();
    await page.waitForTimeout(300);
    assert.equal(await paintedCount(page), one, 'Undo did not take back the last stroke');
    assert.equal(await picture(), onePicture, 'the canvas still shows the undone stroke');
    await setup.getByRole('button', { name: 'Clear' }).click();
    await page.waitForTimeout(300);
    assert.equal(await paintedCount(page), 0, 'Clear left points');
    assert.equal(await picture(), blank, 'the canvas still shows painted points');
    assert.ok((await setup.getByRole('button', { name: 'Undo' }).isDisabled()) && (await setup.getByRole('button', { name: 'Clear' }).isDisabled()));
    await page.context().close();
  });
});
