// Security: the built app runs under a strict Content-Security-Policy on every backend without a single
// violation, and no request leaves the page's origin, neither in the built app nor on the dev server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startDev, type App } from '../../scripts/browser';
import { DOCUMENT_CSP, HEADER_CSP } from '../../vite.config';
import { allowErrors, CSP_TEXT, launch, openApp, openWatched, setUpBrowser, stepOf, waitFor } from './page';

async function trainFor(page: Page, minSteps: number, ms: number): Promise<number> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `${minSteps} steps`, async () => (await stepOf(page)) >= minSteps, ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return stepOf(page);
}

const backendOf = async (page: Page) => (await page.getByTestId('backend').textContent()) ?? '';
const allBackends = async (page: Page) => {
  await page.locator('.backend-details summary').click();
  return (await page.locator('.backend-details').textContent()) ?? '';
};

describe('Content-Security-Policy (built app, vite preview)', () => {
  let app: App;
  let browser: Browser;
  setUpBrowser((a, b) => ([app, browser] = [a, b]));

  it('is in force: header on the page and the worker, <meta> in the page, no eval, no inline script, reported when broken', async () => {
    const { page, violations } = await openWatched(browser, app);
    const doc = await page.request.get(app.url);
    assert.equal(doc.headers()['content-security-policy'], HEADER_CSP);
    assert.match(HEADER_CSP, /default-src 'self'/);
    assert.match(HEADER_CSP, /frame-ancestors 'none'/);
    assert.doesNotMatch(HEADER_CSP, /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), DOCUMENT_CSP);
    assert.doesNotMatch(DOCUMENT_CSP, /'unsafe-inline'|'unsafe-eval'|'wasm-unsafe-eval'|blob:|\*|https?:|data:/);

    assert.deepEqual(await violations(), [], 'violations while loading');

    allowErrors(CSP_TEXT);
    // Now break the rules on purpose. The worker's own script is governed by the header alone
    // (a <meta> CSP never reaches a worker).
    const trainer = page.workers().find((w) => /trainer\.worker/.test(w.url()));
    assert.ok(trainer, `no training worker among ${page.workers().map((w) => w.url())}`);
    assert.equal((await page.request.get(trainer.url())).headers()['content-security-policy'], HEADER_CSP);
    // From a timer: DevTools lets code it evaluates directly call eval despite the CSP.
    const evalIn = () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String((0, eval)('"eval ran"')));
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
      );
    assert.equal(await trainer.evaluate(evalIn), 'EvalError');
    assert.equal(await page.evaluate(evalIn), 'EvalError');
    const inlineRan = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    assert.equal(inlineRan, false, 'an inline script ran');
    // The listener this file relies on does hear violations: the eval and the inline script above.
    const heard = await violations();
    assert.ok(
      heard.some((v) => v.startsWith('script-src-elem inline')),
      heard.join('\n'),
    );
    assert.ok(
      heard.some((v) => v.startsWith('script-src eval')),
      heard.join('\n'),
    );
    assert.ok(
      heard.some((v) => v.includes('in a worker: script-src eval')),
      heard.join('\n'),
    );
    await page.context().close();
  });

  it('the default backend trains with no violation; WASM works with threads under the policy', async () => {
    const { page, violations } = await openWatched(browser, app);
    // The policy must not cost a backend: WASM threads need 'wasm-unsafe-eval' and blob: workers.
    assert.match(await allBackends(page), /WASM: works – SIMD, threads/);
    assert.match(await backendOf(page), /^(WebGPU|WebGL|WASM|CPU) – /);
    const steps = await trainFor(page, 30, 60_000);
    assert.ok(steps >= 30);
    assert.deepEqual(await violations(), []);
    await page.context().close();
  });

  for (const [backend, label] of [
    ['wasm', 'WASM'],
    ['webgl', 'WebGL'],
    ['cpu', 'CPU'],
  ]) {
    it(`?backend=${backend} trains with no violation`, async () => {
      const { page, violations } = await openWatched(browser, app, `?backend=${backend}`);
      assert.match(await backendOf(page), new RegExp(`^${label} – chosen by \\?backend=${backend}`));
      await trainFor(page, 10, 60_000);
      assert.deepEqual(await violations(), []);
      await page.context().close();
    });
  }

  it('?backend=webgpu (software adapter, --enable-unsafe-webgpu) takes steps with no violation', async () => {
    const gpuBrowser = await launch(['--enable-unsafe-webgpu']);
    try {
      const { page, violations } = await openWatched(gpuBrowser, app, '?backend=webgpu&model=mlp');
      assert.match(await backendOf(page), /^WebGPU – chosen by \?backend=webgpu/);
      await trainFor(page, 3, 90_000);
      assert.deepEqual(await violations(), []);
    } finally {
      await gpuBrowser.close();
    }
  });
});

describe('no request leaves the origin on the dev server', () => {
  it('`vite` (npm run dev): loading and training stay on the origin', async () => {
    const dev = await startDev();
    const browser = await launch();
    try {
      const ctx = await browser.newContext();
      const sockets: string[] = [];
      ctx.on('page', (p) => p.on('websocket', (ws) => sockets.push(ws.url())));
      const { page } = await openApp(browser, dev, '', ctx);
      await trainFor(page, 10, 60_000);
      // Vite's HMR socket is the only other traffic, and it goes back to the same host and port.
      const host = new URL(dev.url).host;
      assert.deepEqual(
        sockets.filter((u) => new URL(u).host !== host),
        [],
      );
    } finally {
      await browser.close();
      await dev.stop();
    }
  });
});
