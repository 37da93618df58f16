// Shared by the browser tests and the benchmark. Starts the built app with `vite preview` and Debian's Chromium via playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface App {
  url: string;
  stop(): Promise<void>;
}

/** Serves dist/ (run `npm run build` first) on a free loopback port. */
export async function startPreview(): Promise<App> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  const port = await freePort();
  // Its own process group, so stop() ends vite and anything it started.
  const proc: ChildProcess = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('vite preview did not start in 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-(proc.pid as number), 'SIGTERM');
      await exited;
    },
  };
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with \`apt-get install -y chromium\` (scripts/test.sh does this)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface Watched {
  errors: string[];
  foreignRequests: string[];
}

/** Records console errors, page errors, failed responses and requests leaving the origin. */
export function watch(page: Page, origin: string): Watched {
  const w: Watched = { errors: [], foreignRequests: [] };
  page.on('console', (m) => m.type() === 'error' && w.errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && w.errors.push(`HTTP ${r.status()} ${r.url()}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) w.foreignRequests.push(u);
  });
  return w;
}
