// Screenshots of the 2D lab for docs/img: the ring training, the side-by-side preset, your own drawing,
// a step taken phase by phase (at its push), and the timelapse.
// Usage: npm run build && npx tsx scripts/lab2dShots.ts
import { launch, startPreview } from './browser';
import type { Page } from 'playwright-core';

const steps = (page: Page, n: number) =>
  page.waitForFunction((k) => Number((document.querySelector('canvas[data-index="0"]') as HTMLElement | null)?.dataset.step ?? 0) >= k, n, {
    timeout: 600_000,
  });

async function main(): Promise<void> {
  const app = await startPreview();
  const browser = await launch();
  try {
    const shoot = async (query: string, file: string, prepare: (page: Page) => Promise<void>, n: number, after?: (page: Page) => Promise<void>) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
      // The pictures are of the lab, not of its tour on a first visit.
      await page.addInitScript(() => localStorage.setItem('ganvas.labTourDismissed', '1'));
      await page.goto(app.url + query);
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
      await prepare(page);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await steps(page, n);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForTimeout(800);
      if (after) await after(page);
      else await page.screenshot({ path: `docs/img/${file}` });
      await page.context().close();
    };
    await shoot('?mode=lab2d', 'lab2d-ring-1280.png', async () => {}, 1500);
    await shoot(
      '?mode=lab2d',
      'lab2d-side-by-side-1280.png',
      async (p) => void (await p.locator('#lab-preset').selectOption('Unrolled vs plain, side by side')),
      2500,
    );
    await shoot(
      '?mode=lab2d',
      'lab2d-phase-push-1280.png',
      async () => {},
      300,
      async (p) => {
        for (let i = 0; i < 5; i++) await p.getByRole('button', { name: 'Step phase', exact: true }).click();
        await p.locator('.lab-phase[data-phase=push]').waitFor();
        await p.waitForTimeout(500);
        await p.screenshot({ path: 'docs/img/lab2d-phase-push-1280.png' });
      },
    );
    await shoot(
      '?mode=lab2d',
      'lab2d-timelapse.png',
      async () => {},
      1500,
      async (p) => {
        const film = p.getByRole('region', { name: 'Timelapse', exact: true });
        await film.locator('input[type=range]').fill('3');
        await p.waitForTimeout(300);
        await film.screenshot({ path: 'docs/img/lab2d-timelapse.png' });
      },
    );
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
