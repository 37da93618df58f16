// --digits: train the default MLP on whatever backend the app picks and save
// the sample grid at fixed times, to judge when digits become recognisable.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../browser';
import { cpuShare, cpuSnapshot } from './cpu';
import { saveGrid } from './grid';
import { clickTrain, openReady, recording, until } from './recorder';

/** Slack for a capture to happen after its time, e.g. while a step runs. */
const CAPTURE_SLACK_MS = 60_000;

export interface DigitsOptions {
  url: string;
  at: number[];
  imgDir: string;
}

export async function runDigits(o: DigitsOptions, log: (m: string) => void): Promise<void> {
  // A default Chromium, as a visitor's would be: the app picks the backend.
  const browser = await launch();
  try {
    const { page, backendLine: line } = await openReady(browser, `${o.url}?model=mlp`);
    const batch = Number(await page.locator('input[name="batchSize"]').inputValue());
    const seed = await page.locator('input[name="seed"]').inputValue();
    log(`training the MLP (seed ${seed}, batch ${batch}) on: ${line}`);
    console.log(`MLP, seed ${seed}, batch ${batch}, backend: ${line}\n`);
    console.log('| training s | step | grid step | mean img/s | CPU cores bench / other | image |');
    console.log('|-----------:|-----:|----------:|-----------:|------------------------:|-------|');
    mkdirSync(o.imgDir, { recursive: true });
    let cpuFrom = cpuSnapshot();
    await clickTrain(page);
    for (const s of o.at) {
      const ok = await until(
        page,
        (rec, ms) => rec.clickAt !== null && performance.now() - rec.clickAt >= ms,
        s * 1000,
        Date.now() + s * 1000 + CAPTURE_SLACK_MS,
      );
      if (!ok) throw new Error(`the page did not reach ${s} s of training`);
      const file = join(o.imgDir, `mlp-grid-${s}s.png`);
      const shot = await saveGrid(page, file);
      const rec = await recording(page);
      const step = rec.samples[rec.samples.length - 1]?.step ?? 0;
      const ips = (step * batch) / (shot.at / 1000);
      // CPU over the interval since the previous capture: how much else was running.
      const cpuNow = cpuSnapshot();
      const share = cpuShare(cpuFrom, cpuNow);
      cpuFrom = cpuNow;
      const cores = share ? `${share.benchCores.toFixed(1)} / ${share.otherCores.toFixed(1)}` : '–';
      console.log(`| ${s} | ${step.toLocaleString('en-US')} | ${shot.gridStep.toLocaleString('en-US')} | ${ips.toFixed(0)} | ${cores} | ${file} |`);
      for (const n of rec.notices) log(`notice: ${n.text}`);
    }
  } finally {
    await browser.close();
  }
}
