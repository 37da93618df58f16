// Hosting anywhere (docs/hosting.md): the built app behind real servers in Debian's Chromium.
// nginx and Caddy with the documented configurations, a server that sends no headers (the service
// worker isolates the page), a sub-path build, offline after one visit, and an update.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { DATA_CACHE } from '../../src/shared/offline/manifest';
import { HEADER_CSP, HOST_HEADERS } from '../../vite.config';
import { documented, startCaddy, startNginx, startPlain, startSlow } from './hosts';
import { allowErrors, launch, openWatched, stepOf, trainEnabled, waitFor } from './page';

let browser: Browser;
const SUB = '/ganvas/';

before(async () => {
  if (!existsSync('dist/sw.js')) throw new Error('dist/ is missing or old: run `npm run build` before the browser tests');
  // The sub-path build, rebuilt whenever dist/ is newer (vite only: npm run build type-checked the same sources).
  if (!existsSync('dist-sub/sw.js') || statSync('dist-sub/sw.js').mtimeMs < statSync('dist/sw.js').mtimeMs) {
    const r = spawnSync('node_modules/.bin/vite', ['build', '--base', SUB, '--outDir', 'dist-sub', '--emptyOutDir', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`vite build --base ${SUB} failed`);
  }
  browser = await launch();
});
after(async () => browser?.close());

const versionOf = (dir: string) => /"version":"(\w+)"/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))?.[1] ?? '';
const threads = async (page: Page) => {
  await page.locator('.backend-details summary').click();
  return (await page.locator('.backend-details').textContent()) ?? '';
};
const offlineStatus = (page: Page) => page.getByTestId('offline-status');

/** Trains from a paused page until `steps`, then pauses. */
async function train(page: Page, steps: number, ms = 60_000): Promise<void> {
  const from = await stepOf(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(page, `${steps} steps`, async () => (await stepOf(page)) >= from + steps, ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
}

/** Asserts `res` carries every header docs/hosting.md asks for. */
function assertHeaders(what: string, headers: Headers | Record<string, string>): void {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k.toLowerCase()]);
  for (const [k, v] of Object.entries(HOST_HEADERS)) assert.equal(get(k), v, `${what}: ${k}`);
}

describe('hosts that send the headers', () => {
  it('the documented nginx and Caddy configurations and dist/_headers carry the same headers as vite preview', async () => {
    for (const lang of ['nginx', 'caddy'] as const)
      assert.ok(documented(lang).includes(HEADER_CSP), `docs/hosting.md's ${lang} CSP differs from vite.config.ts`);
    const lines = readFileSync('dist/_headers', 'utf8').split('\n');
    assert.equal(lines[0], '/*');
    const parsed = Object.fromEntries(
      lines
        .slice(1)
        .filter(Boolean)
        .map((l) =>
          l
            .trim()
            .split(/: (.*)/)
            .slice(0, 2)
            .map((x, i) => (i ? x : x.toLowerCase())),
        ),
    );
    assertHeaders('dist/_headers', parsed);
    const caddy = await startCaddy('dist');
    try {
      for (const f of ['', 'sw.js', 'assets/', 'manifest.webmanifest']) {
        const file = f === 'assets/' ? `assets/${readFileSync('dist/sw.js', 'utf8').match(/tfjs-backend-wasm-threaded-simd-[\w-]+\.wasm/)?.[0]}` : f;
        const res = await fetch(caddy.url + file);
        assert.equal(res.status, 200, file);
        assertHeaders(`Caddy ${file || 'index'}`, res.headers);
      }
    } finally {
      await caddy.stop();
    }
  });

  it('nginx: isolated, WASM with threads, no CSP violation in the page or any worker, trains, nothing leaves the origin', async () => {
    const nginx = await startNginx('dist');
    try {
      assertHeaders('nginx index', (await fetch(nginx.url)).headers);
      const { page, seen, violations } = await openWatched(browser, nginx);
      assert.equal(await page.evaluate(() => crossOriginIsolated), true);
      assert.match(await threads(page), /WASM: works – SIMD, threads/);
      assert.equal(await page.getByTestId('threads-off').count(), 0);
      const worker = page.workers().find((w) => /trainer\.worker/.test(w.url()));
      assert.ok(worker, 'no training worker');
      assertHeaders('nginx worker', (await fetch(worker.url())).headers);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      // A quality point takes ~60-150 s here (test/e2e/quality.test.ts waits 150 s): within 60 s, or else the losses move.
      const quality = () => page.locator('section.quality-chart').getAttribute('data-points');
      const points = () => page.locator('.charts').getAttribute('data-points');
      await waitFor(page, 'a step', async () => (await stepOf(page)) >= 1, 30_000);
      const deadline = Date.now() + 60_000;
      while (Number(await quality()) < 1 && Date.now() < deadline) await page.waitForTimeout(1000);
      if (Number(await quality()) < 1) assert.ok(Number(await points()) >= 10, 'no quality point in 60 s and the loss chart did not move');
      console.log(`[hosting] nginx: ${await stepOf(page)} steps, ${await quality()} quality points in ~60 s`);
      assert.deepEqual(await violations(), []);
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.foreignRequests, []);
      await page.context().close();
    } finally {
      await nginx.stop();
    }
  });
});

describe('a server that sends no headers (python3 -m http.server)', () => {
  let plain: App;
  let page: Page;
  before(async () => (plain = await startPlain('dist')));
  after(async () => plain?.stop());

  it('the service worker reloads the page once into cross-origin isolation: WASM trains with threads under the CSP; installable', async () => {
    const res = await fetch(plain.url);
    assert.equal(res.headers.get('cross-origin-embedder-policy'), null, 'this server was meant to send no headers');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let loads = 0;
    // Document loads (framenavigated would also count the page's history.replaceState).
    context.on('page', (p) => p.on('domcontentloaded', () => loads++));
    const opened = await openWatched(browser, plain, '', context);
    page = opened.page;
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'not cross-origin isolated');
    assert.equal(loads, 2, 'one load, then one reload into the service worker');
    assert.match(await threads(page), /WASM: works – SIMD, threads/);
    // The CSP reaches the training worker from the service worker's headers: eval stays forbidden there.
    const worker = page.workers().find((w) => /trainer\.worker/.test(w.url()));
    assert.ok(worker);
    // The probe's blocked eval is reported as a violation on the worker's console: the point of this check.
    allowErrors(/Content Security Policy violation in a worker: script-src eval/);
    const evalIn = () =>
      new Promise<string>((r) =>
        setTimeout(() =>
          r(
            ((): string => {
              try {
                return String((0, eval)('1'));
              } catch (e) {
                return (e as Error).name;
              }
            })(),
          ),
        ),
      );
    assert.equal(await worker.evaluate(evalIn), 'EvalError');
    // Installable: Chromium's own check finds nothing wrong but the test's incognito profile.
    const cdp = await context.newCDPSession(page);
    assert.deepEqual((await cdp.send('Page.getAppManifest')).errors, []);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(
      installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'),
      [],
    );
    await cdp.detach(); // a second DevTools session would keep navigator.onLine true under setOffline below
    await train(page, 20);
    assert.deepEqual(
      (await opened.violations()).filter((v) => !/eval/.test(v)),
      [],
    );
    assert.deepEqual(
      opened.seen.errors.filter((e) => !/eval|Content Security Policy/i.test(e)),
      [],
    );
    assert.deepEqual(opened.seen.foreignRequests, []);
  });

  it('after that one visit it opens and trains with no network, says so, and says a data set never downloaded needs one', async () => {
    await waitFor(
      page,
      'Ready offline',
      async () => /Ready offline\. MNIST digits saved \(47\.1 MB\)/.test((await offlineStatus(page).textContent()) ?? ''),
      30_000,
    );
    assert.match((await offlineStatus(page).textContent()) ?? '', /not saved yet: Fashion-MNIST clothes/);
    // The host goes away as well as the network: nothing can come from anywhere but the device.
    await plain.stop();
    await page.context().setOffline(true);
    await page.reload();
    await trainEnabled(page);
    // navigator.onLine can turn false a moment after the reload (the emulation reaches the new document late).
    await waitFor(
      page,
      'the offline status',
      async () => /^Offline: running from the saved copy\. MNIST digits saved/.test((await offlineStatus(page).textContent()) ?? ''),
      10_000,
    );
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.match(await threads(page), /WASM: works – SIMD, threads/, 'the wasm files were not kept');
    await train(page, 10);
    await page.locator('#dataset').selectOption('fashion');
    const alert = page.getByRole('alert').filter({ hasText: /fashion/ });
    await alert.waitFor({ timeout: 30_000 });
    console.log(`[hosting] offline, Fashion-MNIST: "${await alert.textContent()}"`);
    assert.match((await alert.textContent()) ?? '', /needs a network/);
    await page.context().close();
  });
});

describe('a server that sends no headers, and service workers blocked', () => {
  it('trains on one thread and the status line says threads are off and why', async () => {
    const plain = await startPlain('dist');
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      const { page, seen } = await openWatched(browser, plain, '', context);
      assert.equal(await page.evaluate(() => crossOriginIsolated), false);
      const off = (await page.getByTestId('threads-off').textContent()) ?? '';
      console.log(`[hosting] no headers, service workers blocked: "${off}"`);
      assert.match(
        off,
        /^Threads off: the host sends no cross-origin isolation headers \(COOP\/COEP, see docs\/hosting\.md\) and the service worker failed: the browser did not register it/,
      );
      assert.match(await threads(page), /WASM: works – SIMD, single thread/);
      await train(page, 10);
      assert.deepEqual(seen.errors, []);
      await context.close();
    } finally {
      await plain.stop();
    }
  });
});

describe('a sub-path build (vite build --base /ganvas/)', () => {
  it('loads everything from under /ganvas/ with no 404 and trains isolated', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ganvas-sub-'));
    symlinkSync(resolve('dist-sub'), join(root, 'ganvas'));
    const host = await startPlain(root, SUB);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const { page, seen, violations } = await openWatched(browser, host, '', context);
      const origin = new URL(host.url).origin;
      assert.deepEqual(
        requests.filter((u) => u.startsWith(origin) && !u.startsWith(host.url)),
        [],
        'requests outside /ganvas/',
      );
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${host.url}sw.js`);
      assert.equal(await page.evaluate(() => crossOriginIsolated), true);
      await train(page, 10);
      assert.ok(
        requests.some((u) => u.startsWith(`${host.url}data/mnist/`)),
        'the data set came from elsewhere',
      );
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(await violations(), []);
      await context.close();
    } finally {
      await host.stop();
      rmSync(root, { recursive: true });
    }
  });
});

describe('an update', () => {
  it('is offered as "Update available: reload"; until then the page runs its own version, after it only the new one', async () => {
    const site = join(mkdtempSync(join(tmpdir(), 'ganvas-update-')), 'site');
    assert.equal(spawnSync('cp', ['-al', 'dist', site]).status, 0); // hard links: the edits below replace files, never write into them
    const host = await startPlain(site);
    const A = versionOf(site);
    const B = `${A}b`;
    try {
      const { page, seen } = await openWatched(browser, host);
      await waitFor(page, 'version A', async () => ((await page.getByTestId('hosting-status').textContent()) ?? '').includes(`version ${A}`), 30_000);
      const titleA = await page.title();
      // Build B: a changed page and the version it comes with.
      const edit = (file: string, change: (s: string) => string) => {
        const text = change(readFileSync(join(site, file), 'utf8'));
        unlinkSync(join(site, file));
        writeFileSync(join(site, file), text);
      };
      edit('index.html', (s) => s.replace(/<title>[^<]*/, '<title>ganvas B'));
      edit('sw.js', (s) => s.replace(`"version":"${A}"`, `"version":"${B}"`));
      await page.reload();
      await page.getByTestId('update').waitFor({ timeout: 60_000 });
      assert.equal(await page.title(), titleA, 'the page changed version before the user asked');
      await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
      await waitFor(
        page,
        'version B',
        async () =>
          (
            (await page
              .getByTestId('hosting-status')
              .textContent()
              .catch(() => '')) ?? ''
          ).includes(`version ${B}`),
        60_000,
      );
      await trainEnabled(page);
      assert.equal(await page.title(), 'ganvas B');
      assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [DATA_CACHE, `ganvas-app-${B}`].sort(), 'caches of two versions');
      assert.deepEqual(seen.errors, []);
      await page.context().close();
    } finally {
      await host.stop();
      rmSync(resolve(site, '..'), { recursive: true });
    }
  });
});

describe('a first visit on a slow link', () => {
  it('shows a progress bar for the data set and the offline copy, and the tour and the diagram work before the data arrive', async () => {
    // 4 MB/s: the 47 MB data set takes ~12 s, the offline copy's big files ~1 s each.
    const slow = await startSlow('dist', HOST_HEADERS, 4e6);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // Whether the offline copy's bar ever showed (it may come and go while other checks run).
      await context.addInitScript(() => {
        new MutationObserver(() => {
          if (document.querySelector('[data-testid=precache-progress]')) Object.assign(window, { sawPrecacheBar: true });
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(slow.url);
      const bar = page.getByTestId('download-progress').first();
      await bar.waitFor({ timeout: 20_000 });
      const [value, max] = [Number(await bar.getAttribute('value')), Number(await bar.getAttribute('max'))];
      assert.ok(value < max && max > 40, `progress ${value} / ${max} MB`);
      // Usable meanwhile: the data have not arrived (Train waits for them), yet the tour opens and the diagram is there.
      assert.equal(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled(), true);
      await page.getByRole('button', { name: 'Tour', exact: true }).click();
      await page.locator('#guided-tour').waitFor({ timeout: 2_000 });
      assert.ok(await page.locator('section.model-diagram').isVisible(), 'no model diagram');
      assert.ok(await bar.isVisible(), 'the data arrived before the checks ran: slow the link down');
      await trainEnabled(page);
      // The offline copy is saved after the data set, so the two do not share the link.
      await waitFor(page, 'Ready offline', async () => /^Ready offline/.test((await offlineStatus(page).textContent()) ?? ''), 30_000);
      assert.equal(await page.evaluate(() => (window as unknown as { sawPrecacheBar?: boolean }).sawPrecacheBar), true, 'no progress bar for the offline copy');
      await context.close();
    } finally {
      await slow.stop();
    }
  });
});
