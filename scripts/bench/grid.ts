// Saves the app's sample grid as a PNG, at the size the app shows it.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The app shows the grid at CSS 2x, pixelated. */
const SCALE = 2;

/** Writes the grid to `file`; returns the step it shows and ms of training since Train was clicked (page clock). */
export async function saveGrid(page: Page, file: string): Promise<{ gridStep: number; at: number }> {
  const shot = await page.evaluate((scale) => {
    const c = document.querySelector<HTMLCanvasElement>('canvas.grid-canvas');
    if (!c) throw new Error('no canvas.grid-canvas');
    const big = document.createElement('canvas');
    big.width = c.width * scale;
    big.height = c.height * scale;
    const ctx = big.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(c, 0, 0, big.width, big.height);
    return { png: big.toDataURL('image/png'), gridStep: Number(c.dataset.step), at: performance.now() - (window.__bench?.clickAt ?? 0) };
  }, SCALE);
  writeFileSync(file, Buffer.from(shot.png.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return { gridStep: shot.gridStep, at: shot.at };
}
