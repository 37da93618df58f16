import { launch, startPreview } from './scripts/browser';
const app = await startPreview();
const browser = await launch(['--enable-unsafe-webgpu']);
const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }); const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(app.url + '?faults&backend=webgpu');
await page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, { timeout: 180000 });
await page.getByRole('button', { name: 'Train', exact: true }).click();
const t0 = Date.now();
while (Number((await page.getByTestId('stat-step').textContent())?.replace(/,/g, '')) < 5) await page.waitForTimeout(500);
console.log('step 5 after', Date.now() - t0);
await page.evaluate(() => (window as any).ganvasFault('loseBackend'));
for (let i = 0; i < 30; i++) {
  await page.waitForTimeout(2000);
  const notes = await page.locator('.notice').allTextContents();
  const step = await page.getByTestId('stat-step').textContent();
  const backend = await page.getByTestId('backend').textContent();
  console.log(i * 2, 's', step, backend?.slice(0, 60), JSON.stringify(notes).slice(0, 400));
  if (notes.some((n) => /stopped working/.test(n))) break;
}
await browser.close();
await app.stop();
