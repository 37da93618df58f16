// The README's tour in pictures: trains the MLP in headless Chromium, then
// saves the page and each view the tour shows into docs/img/tour-*.png.
// `npm run build` first; `npx tsx scripts/tourShots.ts [seconds]` (default 150).
import type { Locator, Page } from 'playwright-core';
import { launch, startPreview } from './browser';

const seconds = Number(process.argv[2] ?? 150);
const IMG = 'docs/img';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function waitUntil(page: Page, what: string, pred: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(250);
  }
}

/** One picture of several elements: the box around all of them, scrolled into view. */
async function shoot(page: Page, file: string, parts: Locator[]): Promise<void> {
  await parts[0].scrollIntoViewIfNeeded();
  await page.waitForTimeout(800); // views below the fold render once they are on screen
  const boxes = await Promise.all(parts.map(async (p) => (await p.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
  // Boxes are relative to the viewport; a full-page clip is in page coordinates.
  const [sx, sy] = await page.evaluate(() => [window.scrollX, window.scrollY]);
  for (const b of boxes) [b.x, b.y] = [b.x + sx, b.y + sy];
  const x = Math.min(...boxes.map((b) => b.x)) - 8;
  const y = Math.min(...boxes.map((b) => b.y)) - 8;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 8;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 8;
  await page.screenshot({ path: `${IMG}/${file}`, fullPage: true, clip: { x, y, width: right - x, height: bottom - y } });
  console.log(`${IMG}/${file}`);
}

const app = await startPreview();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${app.url}?model=mlp`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await waitUntil(page, 'Train', async () => train.isEnabled(), 180_000);
  // The tour opens itself for newcomers; close it so the page shows the run.
  const closeTour = page.getByRole('button', { name: 'Dismiss the tour' });
  if (await closeTour.isVisible()) await closeTour.click();
  await train.click();
  await page.waitForTimeout(seconds * 1000);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${IMG}/tour-training.png` });
  console.log(`${IMG}/tour-training.png: step ${await page.getByTestId('stat-step').textContent()} after ${seconds} s`);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await train.waitFor();
  await shoot(page, 'tour-quality.png', [page.locator('.quality-chart'), page.locator('.class-histogram')]);
  await shoot(page, 'tour-real-vs-fake.png', [region(page, 'Real vs fake')]);
  await shoot(page, 'tour-latent.png', [region(page, 'Latent space of the training generator')]);
  await shoot(page, 'tour-timelapse.png', [region(page, 'Timelapse')]);

  // Pausing saved the run: a reload offers to resume it; resuming brings back the grid, the curves and the runs list.
  await waitUntil(page, 'the save on pause', async () => /^Saved step/.test((await page.getByTestId('last-save').textContent()) ?? ''));
  await page.waitForTimeout(2000); // an autosave just before the pause may be the one shown
  await page.reload();
  const resume = page.getByRole('button', { name: /^Resume run/ });
  await waitUntil(page, 'the resume offer', async () => (await resume.isVisible()) && (await resume.isEnabled()), 180_000);
  await page.mouse.move(0, 0);
  await shoot(page, 'tour-resume.png', [page.locator('header'), region(page, 'Resume a saved run')]);
  await resume.click();
  await waitUntil(page, 'the resumed curve', async () => Number(await page.locator('.charts').getAttribute('data-points')) > 0, 60_000);
  await waitUntil(page, 'the runs list', async () => (await region(page, 'Runs').locator('li').count()) > 0);
  await page.waitForTimeout(1500);
  await shoot(page, 'tour-runs.png', [region(page, 'Samples from fixed noise'), region(page, 'Runs')]);
  await context.close();
} finally {
  await browser.close();
  await app.stop();
}
