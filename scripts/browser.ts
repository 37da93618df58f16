// Shared by the browser tests and the benchmark. Starts the built app with `vite preview` (or the dev server) and Debian's Chromium via playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve as absolutePath } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function freePort(): Promise<number> {
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

/** Serves `root`/dist/ (run `npm run build` first) on a free loopback port. */
export async function startPreview(root = '.'): Promise<App> {
  if (!existsSync(join(root, 'dist/index.html'))) throw new Error(`${join(root, 'dist')} is missing: run \`npm run build\` before the browser tests`);
  return serve(['preview'], 'vite preview', 30_000, root);
}

/**
 * The dev server (`vite`, as `npm run dev` starts it) on a free loopback port.
 * Prepares the MNIST files first, as `npm run predev` would, if they are missing.
 */
export async function startDev(): Promise<App> {
  if (!['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'].every((f) => existsSync(`public/data/mnist/${f}`))) {
    const prep = spawnSync('node_modules/.bin/tsx', ['scripts/prepare-data.ts'], { stdio: 'inherit' });
    if (prep.status !== 0) throw new Error('scripts/prepare-data.ts failed: the dev server would have no MNIST to serve');
  }
  return serve([], 'the vite dev server', 60_000);
}

/** Runs `vite <args>` on a free port and waits until it answers. */
async function serve(args: string[], what: string, timeoutMs: number, root = '.'): Promise<App> {
  const port = await freePort();
  return startServer(
    absolutePath(root, 'node_modules/.bin/vite'),
    [...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    `http://127.0.0.1:${port}/`,
    what,
    timeoutMs,
    root,
  );
}

/** Runs a server (`command args`, already told its port) and waits until `url` answers. */
export async function startServer(command: string, args: string[], url: string, what: string, timeoutMs = 30_000, cwd = '.'): Promise<App> {
  // Its own process group, so stop() ends the server and anything it started.
  const proc: ChildProcess = spawn(command, args, { stdio: 'ignore', detached: true, cwd });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(-(proc.pid as number), 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (proc.exitCode !== null) throw new Error(`${what} exited with code ${proc.exitCode} before it served ${url}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${what} did not start in ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
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
