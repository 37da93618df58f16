import { launch, startPreview } from './scripts/browser';
const app = await startPreview();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(app.url + '?model=mlp');
await page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, { timeout: 120000 });
await page.getByRole('button', { name: 'Train', exact: true }).click();
await page.waitForTimeout(5000);
await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink', 'v8'] });
await page.waitForTimeout(20000);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents as any[];
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const onMain = (e: any) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
const main = events.filter((e) => onMain(e) && e.ph === 'X' && e.dur);
const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > 50000);
console.log('long tasks', tasks.length);
for (const t of tasks.slice(0, 12)) {
  const inside = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const sum = new Map<string, number>();
  for (const e of inside) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur);
  const fc = inside.filter((e) => e.name === 'FunctionCall' || e.name === 'TimerFire' || e.name === 'EventDispatch' || e.name === 'FireAnimationFrame').map((e) => `${e.name}:${e.args?.data?.functionName ?? e.args?.data?.type ?? ''}@${(e.args?.data?.url ?? '').split('/').pop()}:${e.args?.data?.lineNumber ?? ''} ${(e.dur/1000).toFixed(0)}`).slice(0, 4);
  console.log(`${(t.dur / 1000).toFixed(0)} ms:`, [...sum].filter(([n]) => /Layout|Paint|Style|UpdateLayoutTree|FunctionCall|Layerize|Commit|GC|HitTest|RunMicrotasks|v8.run|ParseHTML|Decode|Raster/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', '), '|', fc.join(' ; '));
}
await browser.close();
await app.stop();
