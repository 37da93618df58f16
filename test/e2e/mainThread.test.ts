// "The main thread stays free": training lives in the worker, so what the user feels on the
// page (clicks, scrolling, the chart and the grid updating) must never wait on a long task.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { watch, type App, type Watched } from '../../scripts/browser';
import { setUpBrowser, stepOf, trainEnabled } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

type LongTask = { start: number; duration: number };

/** Opens the app with long tasks recorded from its first script on (buffered: page load counts too). */
async function open(query: string): Promise<{ page: Page; seen: Watched }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const seen = watch(page, app.url.replace(/\/$/, ''));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: LongTask[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(app.url + query);
  await trainEnabled(page);
  return { page, seen };
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);

async function waitForStep(page: Page, step: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while ((await stepOf(page)) < step) {
    if (Date.now() > end) throw new Error(`timed out waiting for step ${step} (at ${await stepOf(page)})`);
    await page.waitForTimeout(500);
  }
}

const fmt = (tasks: LongTask[]) =>
  tasks.map((t) => `${Math.round(t.duration)} ms @${(t.start / 1000).toFixed(1)} s`).join(', ') || 'none';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

interface FrameCost {
  frames: number;
  /** Main-thread task time per frame, ms: wall clock, and CPU time of the thread. */
  wall: { median: number; p95: number };
  cpu: { median: number; p95: number };
  /** Share of the window the main thread was busy. */
  busy: number;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/**
 * Main-thread work per rendered frame over `ms`, from a Chromium trace. Chromium marks every
 * frame (the Long Animation Frame API's "AnimationFrame", but not only the long ones) from its
 * first task to the end of its rendering update; we add up the tasks inside it (script, style,
 * layout, paint). Frames exist only when something changed on screen, so idle frames do not
 * water the numbers down: these are the frames that carry a metrics or a samples update.
 */
async function frameCost(page: Page, ms: number): Promise<FrameCost> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await page.waitForTimeout(ms);
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = (e: TraceEvent) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && onMain(e));
  const marks = events.filter((e) => e.name === 'AnimationFrame' && (e.ph === 'b' || e.ph === 'e') && onMain(e)).sort((a, b) => a.ts - b.ts);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].ph !== 'b' || marks[i + 1].ph !== 'e' || marks[i].pid !== marks[i + 1].pid) continue;
    const inFrame = tasks.filter((t) => t.pid === marks[i].pid && t.ts >= marks[i].ts && t.ts < marks[i + 1].ts);
    wall.push(inFrame.reduce((s, t) => s + (t.dur ?? 0), 0) / 1000);
    cpu.push(inFrame.reduce((s, t) => s + (t.tdur ?? 0), 0) / 1000);
  }
  const span = tasks.length ? tasks[tasks.length - 1].ts - tasks[0].ts : 1;
  return {
    frames: wall.length,
    wall: { median: quantile(wall, 0.5), p95: quantile(wall, 0.95) },
    cpu: { median: quantile(cpu, 0.5), p95: quantile(cpu, 0.95) },
    busy: tasks.reduce((s, t) => s + (t.dur ?? 0), 0) / span,
  };
}

const show = (c: FrameCost) =>
  `${c.frames} frames; per frame wall median ${c.wall.median.toFixed(2)} ms, p95 ${c.wall.p95.toFixed(2)} ms; ` +
  `CPU median ${c.cpu.median.toFixed(2)} ms, p95 ${c.cpu.p95.toFixed(2)} ms; main thread busy ${(c.busy * 100).toFixed(1)}%`;

/** What the chart costs the DOM: elements, and vertices of the drawn line paths. */
const chartSize = (page: Page) =>
  page.evaluate(() => {
    const chart = document.querySelector('.charts') as HTMLElement;
    const paths = [...chart.querySelectorAll('path.recharts-line-curve')];
    const vertices = paths.map((p) => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length);
    return { nodes: chart.querySelectorAll('*').length, vertices: Math.max(0, ...vertices), rows: Number(chart.dataset.points) };
  });

describe('the main thread stays free while training', () => {
  it('DCGAN on WASM trains for 30 s with no long task on the main thread', async (t) => {
    const { page, seen } = await open('?model=dcgan&backend=wasm');
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForTimeout(30_000);
    const step = await stepOf(page);
    const tasks = await longTasks(page);
    const during = tasks.filter((x) => x.start >= clickedAt);
    t.diagnostic(`DCGAN: ${step} steps in 30 s`);
    t.diagnostic(`long tasks before Train (page load): ${fmt(tasks.filter((x) => x.start < clickedAt))}`);
    t.diagnostic(`long tasks while training: ${fmt(during)}`);
    assert.ok(step > 0, 'DCGAN did not train');
    assert.deepEqual(fmt(during), 'none', 'the main thread was blocked for > 50 ms while training');
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

  it('MLP: per-frame main-thread work stays small and does not grow with the history', async (t) => {
    const { page, seen } = await open('?model=mlp&backend=wasm');
    // Batch 8, the smallest the UI offers, steps the fastest (~200 steps/s here), so the history grows quickly.
    await page.locator('input[name=batchSize]').fill('8');
    await page.locator('input[name=batchSize]').press('Enter');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await trainEnabled(page);
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();

    await waitForStep(page, 1000, 120_000);
    const early = { step: await stepOf(page), cost: await frameCost(page, 8000), size: await chartSize(page) };
    await waitForStep(page, 5 * early.step, 180_000);
    const late = { step: await stepOf(page), cost: await frameCost(page, 8000), size: await chartSize(page) };
    const during = (await longTasks(page)).filter((x) => x.start >= clickedAt);
    for (const r of [early, late]) t.diagnostic(`at step ${r.step}: ${show(r.cost)}; chart ${JSON.stringify(r.size)}`);
    t.diagnostic(`long tasks while training: ${fmt(during)}`);

    for (const { cost } of [early, late]) {
      assert.ok(cost.frames > 40, 'too few frames: are metrics and samples streaming?');
      // The bounds are on the work itself, the main thread's CPU time: training keeps both cores
      // busy, so wall time also counts waits for a core that no UI change can remove. A typical
      // frame (counters, the sample grid) must stay under 4 ms. Frames that carry a recharts
      // redraw (every 500 ms, one panel per task) cost ~10-14 ms of CPU: short of a long task,
      // but over 4 ms, so the p95 is reported rather than asserted at 4 ms.
      assert.ok(cost.cpu.median < 4, `main-thread work per frame: ${show(cost)}`);
      assert.ok(cost.wall.p95 < 50, `frames overrun a long-task budget: ${show(cost)}`);
    }
    // 5x the history: the same chart (thinned points, same elements) and no dearer frames.
    assert.ok(late.size.vertices <= early.size.vertices * 1.2, `the drawn points grew with the history: ${JSON.stringify([early.size, late.size])}`);
    // Elements vary a little with the number of axis ticks, not with the steps.
    assert.ok(late.size.nodes <= early.size.nodes * 1.5, `the chart's DOM grew with the history: ${JSON.stringify([early.size, late.size])}`);
    assert.ok(late.cost.cpu.median <= early.cost.cpu.median * 1.5 + 0.5, 'frames got dearer as the history grew');
    assert.deepEqual(fmt(during), 'none', 'the main thread was blocked for > 50 ms while training');
    assert.deepEqual(seen.errors, []);
    await page.close();
  });
});
