// Trains the default model in headless Chromium for a while and saves a
// screenshot of the page, for docs/: `npx tsx scripts/screenshot.ts [seconds] [out.png] [query]`.
import { launch, startPreview } from './browser';

const seconds = Number(process.argv[2] ?? 120);
const out = process.argv[3] ?? 'docs/img/training.png';
const query = process.argv[4] ?? '';

const app = await startPreview();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  await page.goto(app.url + query);
  const train = page.locator('button.primary');
  await page.waitForFunction(() => !(document.querySelector('button.primary') as HTMLButtonElement | null)?.disabled, null, {
    timeout: 180_000,
  });
  await train.click();
  await page.waitForTimeout(seconds * 1000);
  await page.screenshot({ path: out });
  console.log(`${out}: step ${await page.getByTestId('stat-step').textContent()} after ${seconds} s`);
} finally {
  await browser.close();
  await app.stop();
}
