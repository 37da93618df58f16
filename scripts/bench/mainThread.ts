// --main-thread: what training costs the page's main thread, per model, on the app's backend.
// The wall-clock long tasks live here rather than in a test: on a 2-core machine they depend on
// how the cores are shared at that moment as much as on the page (docs/reliability.md).
import type { ModelKind } from '../../src/shared/protocol';
import { launch } from '../browser';
import { describeCost, traceMainThread } from '../mainThreadTrace';
import { cpuShare, cpuSnapshot } from './cpu';
import type { Page } from 'playwright-core';
import { clickTrain, openReady } from './recorder';

const stepOf = async (page: Page) => Number(((await page.getByTestId('stat-step').textContent()) ?? '').replace(/\D/g, ''));

export interface MainThreadOptions {
  url: string;
  models: ModelKind[];
  /** Windows traced per model, and their length in seconds. */
  windows: number;
  seconds: number;
  allCores: boolean;
}

/** Prints one Markdown row per traced window; a fresh browser per model, as a visitor's would be. */
export async function runMainThread(o: MainThreadOptions, log: (m: string) => void): Promise<void> {
  console.log(
    '| model | backend, threads | window | img/s | frames | frame CPU median / p95 ms | task CPU max ms | main CPU ms/s | long tasks (wall) /min | long tasks (own CPU) | CPU cores bench / other |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const model of o.models) {
    const browser = await launch();
    try {
      const { page, backendLine } = await openReady(browser, `${o.url}?model=${model}`, o.allCores);
      log(`${model}: ${backendLine}`);
      const batch = Number(await page.locator('input[name="batchSize"]').inputValue());
      const wasm = ((await page.locator('.backend-details li', { hasText: 'WASM' }).textContent()) ?? '').match(/threads \((\d+) of/);
      const where = `${backendLine.split(' ')[0]}${wasm ? `, ${wasm[1]}` : ''}`;
      await clickTrain(page);
      for (let w = 1; w <= o.windows; w++) {
        const from = cpuSnapshot();
        const [step0, t0] = [await stepOf(page), performance.now()];
        const c = await traceMainThread(browser, page, o.seconds * 1000);
        const imgPerSec = (((await stepOf(page)) - step0) * batch) / ((performance.now() - t0) / 1000);
        const share = cpuShare(from, cpuSnapshot());
        log(`${model} window ${w}: ${describeCost(c)}`);
        const cores = share ? `${share.benchCores.toFixed(1)} / ${share.otherCores.toFixed(1)}` : '–';
        const perMin = (c.longWall.length * 60) / c.seconds;
        console.log(
          `| ${model} | ${where} | ${w} | ${imgPerSec.toFixed(0)} | ${c.frames} | ${c.frameCpu.median.toFixed(2)} / ${c.frameCpu.p95.toFixed(2)} | ${c.taskCpu.max.toFixed(1)} | ${c.cpuPerSecond.toFixed(0)} | ${perMin.toFixed(1)} | ${c.longCpu.length} | ${cores} |`,
        );
      }
    } finally {
      await browser.close();
    }
  }
}
