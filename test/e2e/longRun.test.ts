// "Nothing breaks": a 5,000-step run keeps tf's tensors, the chart's DOM and the page's heap
// bounded, and a hidden tab keeps training in the worker and catches up when shown again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startPreview, type App } from '../../scripts/browser';
import { connect, launch, openApp, stepOf, trainEnabled, waitFor } from './page';

let app: App;

before(async () => {
  app = await startPreview();
});

after(async () => {
  await app?.stop();
});

const MB = 1e6;

/** What the page shows of the run's size, read in one go so the numbers belong together. */
const snapshot = (page: Page) =>
  page.evaluate(() => {
    // No helper functions in here: tsx would wrap them in a `__name` call the page does not have.
    const charts = document.querySelector('.charts') as HTMLElement;
    return {
      step: Number(document.querySelector('[data-testid="stat-step"]')?.textContent?.replace(/,/g, '')),
      tensors: document.querySelector('[data-testid="stat-tensors"]')?.textContent ?? '',
      chartNodes: charts.querySelectorAll('*').length,
      points: Number(charts.dataset.points),
      chartLast: Number(charts.dataset.lastStep),
      pageNodes: document.getElementsByTagName('*').length,
      quality: Number((document.querySelector('section.quality-chart') as HTMLElement | null)?.dataset.points ?? 0),
    };
  });

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** "17 (1.7 MB)" → 17 tensors of 1.7e6 bytes. */
function parseTensors(text: string): { count: number; bytes: number } {
  const m = /^(\d+) \(([\d.]+) (MB|kB)\)$/.exec(text);
  assert.ok(m, `unexpected tensor stat "${text}"`);
  return { count: Number(m[1]), bytes: Number(m[2]) * (m[3] === 'MB' ? 1e6 : 1e3) };
}

describe('a long run stays bounded', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('5,000 MLP steps: tensors constant, chart DOM bounded, page heap grows only by the metric history', { timeout: 600_000 }, async () => {
    const { page } = await openApp(browser, app);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    // Read while paused, once the pause's autosave has settled: no sample grid or metric batch in flight.
    const pausedHeap = async () => {
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
      await page.waitForTimeout(1000);
      const reading = { step: (await snapshot(page)).step, bytes: await heap() };
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      return reading;
    };
    const started = Date.now();
    await page.getByRole('button', { name: 'Train', exact: true }).click();

    const samples: Snapshot[] = [];
    const heaps: { step: number; bytes: number }[] = [];
    for (let mark = 500; mark <= 5000;) {
      const s = await snapshot(page);
      if (s.step >= mark) {
        samples.push(s);
        if (mark === 1000 || mark === 3000 || mark === 5000) heaps.push(await pausedHeap());
        mark += 500;
        continue;
      }
      if (Date.now() - started > 480_000) throw new Error(`only at step ${s.step} after 480 s`);
      await page.waitForTimeout(250);
    }
    const seconds = (Date.now() - started) / 1000;
    await page.getByRole('button', { name: 'Pause', exact: true }).click();

    const tensors = samples.map((s) => parseTensors(s.tensors));
    console.log(`long run: 5,000 steps in ${seconds.toFixed(1)} s (${(samples.at(-1)!.step / seconds).toFixed(0)} steps/s incl. start-up)`);
    console.table(
      samples.map((s, i) => ({
        step: s.step,
        tensors: tensors[i].count,
        tensorMB: tensors[i].bytes / MB,
        chartRows: s.points,
        chartNodes: s.chartNodes,
        pageNodes: s.pageNodes,
      })),
    );
    // The page keeps the history columnar: 48 bytes a step, and 16 for the chart's smoothed columns (docs/reliability.md,
    // "Long runs"). Readings are taken paused, after GC; the slope still holds one-time costs (V8's optimised code).
    const [h1, h3, h5] = heaps;
    const growth = (a: { step: number; bytes: number }, b: { step: number; bytes: number }) => (b.bytes - a.bytes) / (b.step - a.step);
    const perStep = growth(h1, h5);
    console.log(
      `page JS heap after GC: ${heaps.map((h) => `${(h.bytes / MB).toFixed(2)} MB at step ${h.step}`).join(', ')}; ` +
        `growth ${perStep.toFixed(0)} bytes/step from step ${h1.step} (${((perStep * 100_000) / MB).toFixed(1)} MB per 100k steps), ` +
        `${growth(h3, h5).toFixed(0)} bytes/step from step ${h3.step}`,
    );

    // (a) The worker frees every intermediate tensor: once the quality classifier is loaded (its weights are
    // fetched at the first evaluation and kept), the count and bytes never move.
    const from = samples.findIndex((s) => s.quality >= 1);
    assert.ok(from >= 0 && from <= samples.length - 4, `too few samples after the first quality evaluation: ${samples.map((s) => s.quality).join(', ')}`);
    const after = tensors.slice(from);
    const list = samples
      .slice(from)
      .map((s) => s.tensors)
      .join(', ');
    assert.equal(Math.max(...after.map((t) => t.count)) - after[0].count, 0, `tensor count grew: ${list}`);
    assert.equal(Math.max(...after.map((t) => t.bytes)) - after[0].bytes, 0, `tensor bytes grew: ${list}`);
    assert.ok(after[0].count - tensors[0].count <= 10, `the classifier should add its ~8 weights, not ${after[0].count - tensors[0].count} tensors`);
    // (b) The chart draws at most 400 thinned rows, and its DOM does not grow with the run.
    assert.ok(
      samples.every((s) => s.points <= 400),
      `chart rows: ${samples.map((s) => s.points).join(', ')}`,
    );
    const last = samples.at(-1)!;
    assert.ok(last.chartNodes <= samples[0].chartNodes + 30, `chart DOM grew from ${samples[0].chartNodes} to ${last.chartNodes} nodes`);
    // (c) The metric history legitimately grows the heap, in jumps: its buffers double at 4,096 steps (~260 kB, so
    // ~130 bytes/step from step 3,000 to 5,000). Two readings after GC differ by up to ~260 kB more from run to run
    // (134-292 bytes/step measured from step 3,000, idle and loaded), so this window cannot tell a leak of one
    // small object a step (~190 bytes) from noise; it was judged at < 256 bytes/step and failed a fresh-clone run
    // at 264 with no leak (docs/reliability.md). It fails a leak of ~600 bytes a step or more (a kept array of 96
    // numbers per step measured 984); typed arrays' contents live outside the JS heap and are not seen here. The fine
    // figure is `npm run bench -- --soak`'s (8 bytes/step over 163k steps).
    const steady = growth(h3, h5);
    assert.ok(h5.bytes < 2 * h1.bytes, `heap grew from ${h1.bytes} to ${h5.bytes} bytes`);
    assert.ok(steady < 600, `heap grows ${steady.toFixed(0)} bytes a step from step ${h3.step}`);

    await page.context().close();
  });
});

/**
 * Chromium started by hand and attached over CDP with `noDefaults`, using its default context.
 * Pages Playwright creates or adopts normally get focus emulation, which keeps every tab
 * "visible" in headless Chromium; without it, a second tab in front really hides the first
 * (document.visibilityState 'hidden', no frames, throttled timers), as in a desktop browser.
 * No --disable-background-timer-throttling / --disable-renderer-backgrounding either: background
 * tabs get Chromium's real treatment.
 */
async function launchWithRealTabs(): Promise<{ browser: Browser; context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-tabs-'));
  const proc = spawn(
    CHROMIUM,
    ['--headless', '--remote-debugging-port=0', `--user-data-dir=${dir}`, '--window-size=1280,900', ...CHROMIUM_ARGS, 'about:blank'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const exited = new Promise((r) => proc.once('exit', r));
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-(proc.pid as number), 'SIGTERM');
      } catch {
        // it exited on its own meanwhile
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let browser: Browser | undefined;
  try {
    const portFile = join(dir, 'DevToolsActivePort');
    const deadline = Date.now() + 30_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error('Chromium did not open its DevTools port');
      await new Promise((r) => setTimeout(r, 100));
    }
    const port = readFileSync(portFile, 'utf8').split('\n')[0];
    browser = await connect(`http://127.0.0.1:${port}`);
    return { browser, context: browser.contexts()[0], close };
  } catch (e) {
    await close();
    throw e;
  }
}

interface Probe {
  /** requestAnimationFrame callbacks: frames the page produced. */
  frames: number;
  /** Ticks of a 100 ms setInterval. */
  ticks: number;
  /** Text changes of the step counter and changes of the chart's last step: React commits. */
  stepRenders: number;
  chartRenders: number;
  visibility: string[];
}

/**
 * Counters the page keeps from its first script on (read with `probe(page)`). A string, not a
 * function: tsx would wrap the inner functions in a `__name` helper the page does not have.
 */
const PROBE = `
  const p = { frames: 0, ticks: 0, stepRenders: 0, chartRenders: 0, visibility: [] };
  window.probe = p;
  const frame = () => { p.frames++; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(() => p.ticks++, 100);
  document.addEventListener('visibilitychange', () => p.visibility.push(document.visibilityState));
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') p.chartRenders++;
      else if (r.type === 'characterData' && r.target.parentElement?.dataset.testid === 'stat-step') p.stepRenders++;
      else if (r.type === 'childList' && r.target.dataset?.testid === 'stat-step') p.stepRenders++;
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributeFilter: ['data-last-step'] });
`;

/** The page's own view, read straight from the DOM (a hidden page answers evaluate, whether or not it re-rendered). */
const probe = (page: Page) =>
  page.evaluate(() => {
    const p = (window as unknown as { probe: Probe }).probe;
    const charts = document.querySelector('.charts') as HTMLElement;
    const grid = document.querySelector('section.samples canvas.grid-canvas') as HTMLCanvasElement;
    return {
      ...p,
      visibility: [...p.visibility],
      state: document.visibilityState,
      step: Number(document.querySelector('[data-testid="stat-step"]')?.textContent?.replace(/,/g, '')),
      chartLast: Number(charts.dataset.lastStep),
      gridStep: Number(grid.dataset.step),
      lastSave: document.querySelector('[data-testid="last-save"]')?.textContent ?? '',
      at: performance.now(),
    };
  });

describe('a hidden tab', () => {
  it('keeps training in the worker; the page stops drawing and catches up when shown again', { timeout: 180_000 }, async () => {
    const { context, close } = await launchWithRealTabs();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(PROBE);
      await page.goto(app.url);
      await trainEnabled(page);
      assert.equal((await probe(page)).state, 'visible');

      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await waitFor(page, 'step 300', async () => (await stepOf(page)) >= 300, 60_000);
      const v0 = await probe(page);
      await page.waitForTimeout(5000);
      const v1 = await probe(page);

      // Another tab in front: this one is hidden, as when the user switches tabs.
      const other = await context.newPage();
      await other.goto('about:blank');
      const h0 = await probe(page);
      assert.equal(h0.state, 'hidden', 'a tab opened in front hides the app');
      const during: Awaited<ReturnType<typeof probe>>[] = [];
      for (let i = 0; i < 5; i++) {
        await other.waitForTimeout(2000);
        during.push(await probe(page));
      }
      const h1 = during.at(-1)!;

      await page.bringToFront();
      const shownAt = Date.now();
      const s0 = await probe(page);
      assert.equal(s0.state, 'visible');
      const counter = await stepOf(page);
      await waitFor(page, 'the chart to catch up', async () => (await probe(page)).chartLast >= counter, 5000);
      const chartCaughtUpMs = Date.now() - shownAt;
      await waitFor(page, 'a recent sample grid', async () => (await probe(page)).gridStep >= counter, 5000);
      const s1 = await probe(page);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await other.close();

      const secs = (a: { at: number }, b: { at: number }) => (b.at - a.at) / 1000;
      const rate = (a: { step: number; at: number }, b: { step: number; at: number }) => (b.step - a.step) / secs(a, b);
      const per = (n: number, a: { at: number }, b: { at: number }) => (n / secs(a, b)).toFixed(1);
      console.log(
        `visible: ${rate(v0, v1).toFixed(0)} steps/s, ${per(v1.frames - v0.frames, v0, v1)} frames/s, ${per(v1.ticks - v0.ticks, v0, v1)} ticks/s of a 100 ms interval, ` +
          `${per(v1.stepRenders - v0.stepRenders, v0, v1)} step-counter renders/s, ${per(v1.chartRenders - v0.chartRenders, v0, v1)} chart renders/s`,
      );
      console.log(
        `hidden ${secs(h0, h1).toFixed(1)} s: step ${h0.step} -> ${s0.step} (${((s0.step - h0.step) / secs(h0, s0)).toFixed(0)} steps/s), ` +
          `${h1.frames - h0.frames} frames, ${per(h1.ticks - h0.ticks, h0, h1)} ticks/s, ${h1.stepRenders - h0.stepRenders} step-counter renders, ${h1.chartRenders - h0.chartRenders} chart renders; ` +
          `DOM step while hidden: ${during.map((d) => d.step).join(', ')}; chart last step while hidden: ${during.map((d) => d.chartLast).join(', ')}`,
      );
      console.log(
        `shown again: counter ${counter}, chart caught up in ${chartCaughtUpMs} ms (last step ${s1.chartLast}), grid at step ${s1.gridStep}; last save "${s1.lastSave}"; visibility events ${s1.visibility.join(', ')}`,
      );

      // Training went on in the worker: hundreds of steps while nobody looked, at about the visible pace
      // (the machine is shared, so only a generous fraction of it is asserted).
      const hiddenSteps = s0.step - h0.step;
      assert.ok(hiddenSteps >= 100 && hiddenSteps >= 0.3 * rate(v0, v1) * secs(h0, s0), `only ${hiddenSteps} steps in ${secs(h0, s0).toFixed(1)} s hidden`);
      // The page drew nothing while hidden.
      assert.ok(h1.frames - h0.frames <= 2, `${h1.frames - h0.frames} frames while hidden`);
      // Shown again: the chart and the grid reach the counter within a couple of seconds.
      assert.ok(chartCaughtUpMs < 3000, `the chart took ${chartCaughtUpMs} ms to catch up`);
      assert.ok(s1.gridStep >= counter);
      assert.deepEqual(s1.visibility, ['hidden', 'visible']);
      // Hiding saved the run at once (a hidden tab may be closed next), not 30 s later. The counter on the page
      // trails the worker by up to 100 ms, hence the margin above the step read just after hiding.
      const saved = Number(/Saved step ([\d,]+)/.exec(s1.lastSave)?.[1].replace(/,/g, ''));
      assert.ok(saved >= v1.step && saved <= h0.step + 50, `last save "${s1.lastSave}"; steps ${v1.step} before hiding, ${h0.step} after`);
    } finally {
      await close();
    }
  });
});
