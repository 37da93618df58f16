// The 2D lab's page while it trains: canvas redraws per second, the worker's steps/s, and the
// main thread's long tasks (wall clock over 50 ms, which CPU contention on a shared machine inflates).
// Usage: npm run build && npx tsx scripts/bench/lab2dPage.ts [seconds, default 10]
import { loadavg } from 'node:os';
import { launch, startPreview } from '../browser';

const SECONDS = Number(process.argv[2] ?? 10);

async function main(): Promise<void> {
  const app = await startPreview();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.goto(`${app.url}?mode=lab2d`);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForTimeout(2000);
    // Count redraws: the canvas's data-step changes once per drawn frame.
    const result = await page.evaluate(async (ms) => {
      const c = document.querySelector('canvas[data-index="0"]') as HTMLCanvasElement;
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      let redraws = 0;
      new MutationObserver(() => redraws++).observe(c, { attributes: true, attributeFilter: ['data-step'] });
      const step0 = Number(c.dataset.step);
      await new Promise((r) => setTimeout(r, ms));
      return { redraws, steps: Number(c.dataset.step) - step0, longTasks: w.longTasks };
    }, SECONDS * 1000);
    console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    console.log(`canvas redraws: ${(result.redraws / SECONDS).toFixed(1)}/s, training: ${(result.steps / SECONDS).toFixed(0)} steps/s`);
    console.log(`long tasks (> 50 ms wall) while training: ${result.longTasks.map((d) => Math.round(d)).join(', ') || 'none'}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}
void main();
