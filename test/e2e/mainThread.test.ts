// "The main thread stays free": training lives in the worker, so what the user feels on the
// page (clicks, scrolling, the chart and the grid updating) must never wait on a long task.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { describeCost, traceMainThread, type MainThreadCost } from '../../scripts/mainThreadTrace';
import { setUpBrowser, stepOf, trainEnabled } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

type LongTask = { start: number; duration: number };

/** Opens the app with long tasks recorded from its first script on (buffered: page load counts too). */
async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: LongTask[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(app.url + query);
  await trainEnabled(page);
  return page;
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);

async function waitForStep(page: Page, step: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while ((await stepOf(page)) < step) {
    if (Date.now() > end) throw new Error(`timed out waiting for step ${step} (at ${await stepOf(page)})`);
    await page.waitForTimeout(500);
  }
}

const fmt = (tasks: LongTask[]) => tasks.map((t) => `${Math.round(t.duration)} ms @${(t.start / 1000).toFixed(1)} s`).join(', ') || 'none';

/** What the chart costs the DOM: elements, and vertices of the drawn line paths. */
const chartSize = (page: Page) =>
  page.evaluate(() => {
    const chart = document.querySelector('.charts') as HTMLElement;
    const paths = [...chart.querySelectorAll('path.recharts-line-curve')];
    const vertices = paths.map((p) => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length);
    return { nodes: chart.querySelectorAll('*').length, vertices: Math.max(0, ...vertices), rows: Number(chart.dataset.points) };
  });

/**
 * The page's own work, judged where this 2-core machine cannot blur it. Training keeps the cores
 * busy (the worker, its WASM thread, software compositing), so a task's wall time also counts its
 * waits for a core: the same 20 ms of work measured 24 to 90 ms of wall clock from run to run, and
 * a "0 long tasks by wall clock" assertion failed CI one run in a few with no change to the page
 * (issue 20). CPU time is the work itself. Its bounds come from repeated runs of this file (idle and
 * with both cores kept busy; docs/reliability.md), with headroom over the worst run; the wall-clock
 * long tasks are printed here and measured by `npm run bench -- --main-thread`.
 */
function judge(cost: MainThreadCost): void {
  // No single task of the page's may be long by its own work: that would stutter on any machine.
  assert.deepEqual(cost.longCpu, [], `a main-thread task did over 50 ms of work: ${describeCost(cost)}`);
  // A typical frame (counters, the sample grid) costs 2.0-3.8 ms of work here (idle and loaded runs,
  // docs/reliability.md); the old bound of 4 ms sat inside that spread. 6 ms still fails a page that
  // redraws a chart panel (~10-14 ms) in most frames. Frames that carry a redraw stay well short of a long task.
  assert.ok(cost.frameCpu.median < 6, `main-thread work per frame: ${describeCost(cost)}`);
  assert.ok(cost.frameCpu.p95 < 25, `frames that carry a redraw got dearer: ${describeCost(cost)}`);
}

describe('the main thread stays free while training', () => {
  it("DCGAN on WASM trains for 30 s with no long task of the page's own making", async (t) => {
    const page = await open('?model=dcgan&backend=wasm');
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const cost = await traceMainThread(browser, page, 30_000);
    const step = await stepOf(page);
    const tasks = await longTasks(page);
    t.diagnostic(`DCGAN: ${step} steps in 30 s; ${describeCost(cost)}`);
    t.diagnostic(`long tasks before Train (page load): ${fmt(tasks.filter((x) => x.start < clickedAt))}`);
    t.diagnostic(`long tasks while training (wall clock, reported, not judged): ${fmt(tasks.filter((x) => x.start >= clickedAt))}`);
    assert.ok(step > 0, 'DCGAN did not train');
    judge(cost);
    await page.close();
  });

  it('MLP: per-frame main-thread work stays small and does not grow with the history', async (t) => {
    const page = await open('?model=mlp&backend=wasm');
    // Batch 8, the smallest the UI offers, steps the fastest (~200 steps/s here), so the history grows quickly.
    await page.locator('input[name=batchSize]').fill('8');
    await page.locator('input[name=batchSize]').press('Enter');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await trainEnabled(page);
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();

    await waitForStep(page, 1000, 120_000);
    const early = { step: await stepOf(page), cost: await traceMainThread(browser, page, 8000), size: await chartSize(page) };
    await waitForStep(page, 5 * early.step, 180_000);
    const late = { step: await stepOf(page), cost: await traceMainThread(browser, page, 8000), size: await chartSize(page) };
    const during = (await longTasks(page)).filter((x) => x.start >= clickedAt);
    for (const r of [early, late]) t.diagnostic(`at step ${r.step}: ${describeCost(r.cost)}; chart ${JSON.stringify(r.size)}`);
    t.diagnostic(`long tasks while training (wall clock, reported, not judged): ${fmt(during)}`);

    for (const { cost } of [early, late]) {
      assert.ok(cost.frames > 40, 'too few frames: are metrics and samples streaming?');
      judge(cost);
    }
    // 5x the history: the same chart (thinned points, same elements) and no dearer frames.
    assert.ok(late.size.vertices <= early.size.vertices * 1.2, `the drawn points grew with the history: ${JSON.stringify([early.size, late.size])}`);
    // Elements vary a little with the number of axis ticks, not with the steps.
    assert.ok(late.size.nodes <= early.size.nodes * 1.5, `the chart's DOM grew with the history: ${JSON.stringify([early.size, late.size])}`);
    assert.ok(late.cost.frameCpu.median <= early.cost.frameCpu.median * 1.5 + 0.5, 'frames got dearer as the history grew');
    await page.close();
  });

  it("2D lab: the default ring with every layer on trains for 15 s with no task of the page's own over 50 ms", async (t) => {
    const page = await open('?mode=lab2d');
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const cost = await traceMainThread(browser, page, 15_000);
    const tasks = (await longTasks(page)).filter((x) => x.start >= clickedAt);
    t.diagnostic(`2D lab: ${describeCost(cost)}`);
    t.diagnostic(`long tasks while training (wall clock, reported, not judged): ${fmt(tasks)}`);
    assert.ok(cost.frames > 100, `too few canvas frames: ${describeCost(cost)}`);
    assert.deepEqual(cost.longCpu, [], `a main-thread task did over 50 ms of work: ${describeCost(cost)}`);
    await page.close();
  });
});
