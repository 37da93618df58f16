// The shipped build learns: the built app on threaded WASM (COOP/COEP, the pool as shipped), fixed
// seeds, budgets in steps. A wrong gradient, a broken threaded kernel or a wrong activation trains
// worse than these bounds. The bounds and how they were measured: docs/quality.md ("The learning tests").
// `LEARNS_SEED=7 node --import tsx --test test/e2e/learns.test.ts` measures another seed (the figures print as diagnostics).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { openApp, setUpBrowser, stepTo, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

const SEED = Number(process.env.LEARNS_SEED ?? 42);
// Bounds below the worst of the seeds measured (docs/quality.md, "The learning tests": MLP scores 2.37-3.03 and
// FDs 420-496 over seeds 1, 2, 3, 7, 42; DCGAN-28 FD drops of 47.2% and 48.1% over seeds 7 and 42), with a margin.
const MLP_MIN_SCORE = 2.0;
const MLP_MAX_FD = 550;
const DCGAN_MIN_FD_DROP = 0.35;

interface Quality {
  step: number;
  fd: number;
  floor: number;
  score: number;
  modes: number;
}

/** A quality evaluation now, read from the quality panel's data attributes (its exact values). */
async function qualityNow(page: Page): Promise<Quality> {
  const section = page.locator('section.quality-chart');
  const before = Number(await section.getAttribute('data-points'));
  await page.evaluate(() => window.ganvasMeasureQuality());
  await waitFor(page, 'the quality point', async () => Number(await section.getAttribute('data-points')) > before, 120_000);
  const read = async (k: string) => Number(await section.getAttribute(`data-${k}`));
  return { step: await read('step'), fd: await read('fd'), floor: await read('floor'), score: await read('score'), modes: await read('modes') };
}

async function openOnWasm(query: string): Promise<Page> {
  const { page } = await openApp(browser, app, `?faults&backend=wasm&seed=${SEED}&${query}`);
  // Threads need cross-origin isolation: without it the pool is one thread and the threaded kernels go untested.
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page is not cross-origin isolated (COOP/COEP)');
  assert.match((await page.getByTestId('backend').textContent()) ?? '', /^WASM/);
  await page.getByText('all backends').click();
  assert.match((await page.locator('.backend-details').textContent()) ?? '', /SIMD, threads/);
  return page;
}

const show = (q: Quality) => `FD ${q.fd.toFixed(2)} (floor ${q.floor.toFixed(2)}), score ${q.score.toFixed(2)}, ${q.modes} classes`;

describe('the shipped build learns (WASM, threads, fixed seed)', () => {
  it('MLP: after 1,500 steps the classifier score and the Frechet distance beat the measured bounds', async (t) => {
    const page = await openOnWasm('model=mlp');
    await stepTo(page, 1500, 300_000);
    const q = await qualityNow(page);
    t.diagnostic(`seed ${SEED}, step ${q.step}: ${show(q)}`);
    assert.equal(q.step, 1500);
    assert.ok(q.score >= MLP_MIN_SCORE, `classifier score ${q.score} < ${MLP_MIN_SCORE}`);
    assert.ok(q.fd <= MLP_MAX_FD, `Frechet distance ${q.fd} > ${MLP_MAX_FD}`);
    await page.context().close();
  });

  it('DCGAN-28: 150 steps cut the Frechet distance by the measured fraction', async (t) => {
    const page = await openOnWasm('model=dcgan');
    const start = await qualityNow(page);
    await stepTo(page, 150, 600_000, 10);
    const end = await qualityNow(page);
    t.diagnostic(`seed ${SEED}, step 0: ${show(start)}; step ${end.step}: ${show(end)}; FD fell by ${((1 - end.fd / start.fd) * 100).toFixed(1)}%`);
    assert.equal(end.step, 150);
    assert.ok(end.fd <= start.fd * (1 - DCGAN_MIN_FD_DROP), `FD went from ${start.fd} to ${end.fd}: less than the ${DCGAN_MIN_FD_DROP * 100}% drop`);
    await page.context().close();
  });
});
