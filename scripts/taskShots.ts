// Screenshots of the applications for docs/img: each task's view after a fixed number of steps, a drawn digit, the augmentation study.
// Usage: npm run build && npx tsx scripts/taskShots.ts
import type { Page } from 'playwright-core';
import { launch, startPreview } from './browser';

/** Steps a paused run to `n` with the test hook (?faults), as the browser tests do. */
async function stepTo(page: Page, n: number): Promise<void> {
  const stepOf = async () => Number((await page.getByTestId('stat-step').textContent())?.replace(/,/g, ''));
  for (let at = await stepOf(); at < n; at = await stepOf()) {
    await page.evaluate((k) => (window as unknown as { ganvasSteps(n: number): void }).ganvasSteps(k), Math.min(1000, n - at));
    await page.waitForFunction(
      (target) => Number(document.querySelector('[data-testid=stat-step]')?.textContent?.replace(/,/g, '')) >= target,
      Math.min(n, at + 1000),
      { timeout: 900_000 },
    );
  }
}

async function measure(page: Page): Promise<void> {
  const before = Number(await page.locator('section.task-scores').getAttribute('data-points'));
  await page.evaluate(() => (window as unknown as { ganvasMeasureQuality(): void }).ganvasMeasureQuality());
  await page.waitForFunction((b) => Number(document.querySelector('section.task-scores')?.getAttribute('data-points')) > b, before, { timeout: 120_000 });
}

async function drawSeven(page: Page): Promise<void> {
  const pad = page.getByLabel('Drawing pad');
  await pad.scrollIntoViewIfNeeded();
  const b = await pad.boundingBox();
  if (!b) throw new Error('no drawing pad');
  const at = (x: number, y: number): [number, number] => [b.x + (x / 28) * b.width, b.y + (y / 28) * b.height];
  await page.mouse.move(...at(8, 7));
  await page.mouse.down();
  await page.mouse.move(...at(20, 7), { steps: 6 });
  await page.mouse.move(...at(12, 22), { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(1000);
}

async function main(): Promise<void> {
  const app = await startPreview();
  const browser = await launch();
  try {
    const open = async (query: string): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
      await page.goto(`${app.url}${query}&faults`);
      await page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, {
        timeout: 120_000,
      });
      await page
        .getByRole('button', { name: 'Close' })
        .first()
        .click()
        .catch(() => undefined);
      return page;
    };
    const shots: [string, number, string, (p: Page) => Promise<void>][] = [
      ['?task=superres&seed=1', 300, 'task-superres-1280.png', async () => {}],
      ['?task=sketch&seed=1', 300, 'task-sketch-1280.png', drawSeven],
      ['?task=transfer&dataset=fashion&seed=1', 400, 'task-transfer-1280.png', async () => {}],
    ];
    for (const [query, n, file, then] of shots) {
      const page = await open(query);
      await measure(page);
      await stepTo(page, n / 2);
      await measure(page);
      await stepTo(page, n);
      await measure(page);
      await then(page);
      await page.locator('main').screenshot({ path: `docs/img/${file}` });
      console.log(`docs/img/${file}`);
      await page.context().close();
    }
    if (process.argv.includes('--no-study')) return;
    const page = await open('?model=mlp&conditional=true&seed=1');
    await stepTo(page, 2000);
    const panel = page.getByRole('region', { name: 'Does augmentation help?' });
    await panel.getByRole('button', { name: 'Run the study' }).click();
    await panel.locator('.study-verdict').waitFor({ timeout: 900_000 });
    await panel.screenshot({ path: 'docs/img/task-study-1280.png' });
    console.log(`docs/img/task-study-1280.png: ${await panel.locator('.study-verdict').textContent()}`);
    await page.context().close();
  } finally {
    await browser.close();
    await app.stop();
  }
}

void main();
