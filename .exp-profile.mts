import { launch, startPreview } from './scripts/browser';
const app = await startPreview();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(app.url + '?model=mlp');
await page.waitForFunction(() => !(document.querySelector('.control-panel button.primary') as HTMLButtonElement | null)?.disabled, null, { timeout: 120000 });
await page.getByRole('button', { name: 'Train', exact: true }).click();
await page.waitForTimeout(5000);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.waitForTimeout(20000);
const { profile } = await cdp.send('Profiler.stop') as any;
const self = new Map<string, number>();
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const dt = profile.timeDeltas as number[];
const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + us);
}
// busy stretches > 50 ms: inclusive named functions inside them
{
  let t = profile.startTime; const times: number[] = [];
  for (const d of dt) { t += d; times.push(t); }
  const idleId = profile.nodes.find((n: any) => n.callFrame.functionName === '(idle)')?.id;
  const par = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) par.set(c, n.id);
  let start = -1;
  for (let i = 0; i <= profile.samples.length; i++) {
    const busy = i < profile.samples.length && profile.samples[i] !== idleId;
    if (busy && start < 0) start = i;
    if (!busy && start >= 0) {
      const dur = (times[i - 1] - times[start]) / 1000;
      if (dur > 40) {
        const inc = new Map<string, number>();
        for (let k = start; k < i; k++) {
          const seen = new Set<string>();
          for (let cur: number | undefined = profile.samples[k]; cur !== undefined; cur = par.get(cur)) {
            const n = byId.get(cur); const key = n.callFrame.functionName;
            if (/^[A-Z]/.test(key) && !seen.has(key)) { inc.set(key, (inc.get(key) ?? 0) + dt[k]); seen.add(key); }
          }
        }
        console.log(`busy ${dur.toFixed(0)} ms at ${((times[start] - profile.startTime) / 1e6).toFixed(1)} s:`, [...inc].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, us]) => `${n} ${(us / 1000).toFixed(0)}`).join(', '));
      }
      start = -1;
    }
  }
}
// inclusive per component-ish: walk parents
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, us] of counts) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    if (!seen.has(key)) { incl.set(key, (incl.get(key) ?? 0) + us); seen.add(key); }
  }
}
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${n}`).join('\n');


await browser.close();
await app.stop();
