// What the 2D lab's browser tests share: its state through the test hooks (`?faults` only) and what its panel shows.
import type { Page } from 'playwright-core';
import type { Lab2dStateDigest } from '../../src/shared/lab2dProtocol';

/** The lab's first canvas (A); its data-step is the step it last drew. */
export const CANVAS = 'canvas[data-index="0"]';

/** Each lab's training state in the worker, as digests (needs `?faults`). */
export const labState = (page: Page) => page.evaluate(() => (window as unknown as { ganvasLabState(): Promise<Lab2dStateDigest[]> }).ganvasLabState());

/** The step the first canvas has drawn. */
export const drawnStep = async (page: Page) => Number(await page.locator(CANVAS).getAttribute('data-step'));

/** The painted points the drawing panel counts ("(31 so far, ..."). */
export const paintedCount = async (page: Page) => Number(/\((\d+) so far/.exec((await page.locator('.lab-drawing').textContent()) ?? '')?.[1]);
