// Screenshots of the 2D lab for docs/img: the ring training, the side-by-side preset, your own drawing.
// Usage: npm run build && npx tsx scripts/lab2dShots.ts
import { launch, startPreview } from './browser';
import type { Page } from 'playwright-core';

const steps = (page: Page, n: number) =>
  page.waitForFunction((k) => Number((document.querySelector('canvas[data-index="0"]') as HTMLElement | null)?.dataset.step ?? 0) >= k, n, { timeout: 600_000 });

async function main(): Promise<void> {
  const app = await startPreview();
  const browser = await launch();
  try {
    const shoot = async (query: string, file: string, prepare: (page: Page) => Promise<void>, n: number) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
      await page.goto(app.url + query);
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
      await prepare(page);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await steps(page, n);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `docs/img/${file}` });
      await page.context().close();
    };
    await shoot('?mode=lab2d', 'lab2d-ring-1280.png', async () => {}, 1500);
    await shoot('?mode=lab2d', 'lab2d-side-by-side-1280.png', async (p) => void (await p.locator('#lab-preset').selectOption('Unrolled vs plain, side by side')), 2000);
    await shoot('?mode=lab2d&data=custom&pts=' + heart(), 'lab2d-drawn-1280.png', async () => {}, 1500);
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** A heart, as a painted drawing would arrive in a link. */
function heart(): string {
  const pts: string[] = [];
  for (let k = 0; k < 60; k++) {
    const t = (2 * Math.PI * k) / 60;
    pts.push((0.11 * 16 * Math.sin(t) ** 3).toFixed(2), (0.11 * (13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t))).toFixed(2));
  }
  return pts.join(',');
}

void main();
