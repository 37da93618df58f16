// Real static servers for test/e2e/hosting.test.ts: nginx and Caddy with the configurations
// docs/hosting.md gives, and a plain file server that sends no headers at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { freePort, startServer, type App } from '../../scripts/browser';

/** The first ```<lang> block in docs/hosting.md: what a reader copies. */
export function documented(lang: 'nginx' | 'caddy'): string {
  const doc = readFileSync('docs/hosting.md', 'utf8');
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc);
  if (!m) throw new Error(`docs/hosting.md has no \`\`\`${lang} block`);
  return m[1];
}

/** Installs a Debian package for the test, as scripts/test.sh does for chromium, or says how. */
export function need(binary: string, pkg: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], { stdio: 'inherit' });
    if (r.status === 0) return need(binary, pkg);
  }
  throw new Error(`the hosting tests need ${binary}: install it with \`sudo apt-get install -y ${pkg}\``);
}

/** `python3 -m http.server` on `root`: no COOP/COEP, no CSP, nothing but files. */
export async function startPlain(root: string, path = '/'): Promise<App> {
  const port = await freePort();
  return startServer(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', resolve(root)],
    `http://127.0.0.1:${port}${path}`,
    'python3 -m http.server',
  );
}

/** nginx in the foreground with its own prefix, serving `root` with docs/hosting.md's server block. */
export async function startNginx(root: string): Promise<App> {
  const nginx = need('nginx', 'nginx');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-nginx-'));
  const server = documented('nginx')
    .replace(/listen \d+;/, `listen 127.0.0.1:${port};`)
    .replace(/root [^;]+;/, `root ${resolve(root)};`);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join('\n  ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\n` +
      `http {\n  include /etc/nginx/mime.types;\n  access_log off;\n  ${temps}\n${server}\n}\n`,
  );
  return startServer(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], `http://127.0.0.1:${port}/`, 'nginx');
}

/** Caddy with docs/hosting.md's Caddyfile, serving `root`. */
export async function startCaddy(root: string): Promise<App> {
  const caddy = need('caddy', 'caddy');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-caddy-'));
  const file = documented('caddy')
    .replace(/^:\d+ \{/m, `{\n\tadmin off\n}\nhttp://127.0.0.1:${port} {`)
    .replace(/root \* \S+/, `root * ${resolve(root)}`);
  writeFileSync(join(dir, 'Caddyfile'), file);
  // XDG dirs: Caddy keeps its state there, not in the user's home.
  return startServer(
    'sh',
    ['-c', `XDG_DATA_HOME=${dir} XDG_CONFIG_HOME=${dir} exec ${caddy} run --adapter caddyfile --config ${join(dir, 'Caddyfile')}`],
    `http://127.0.0.1:${port}/`,
    'caddy',
  );
}

const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  wasm: 'application/wasm',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * A slow link: serves `root` with `headers`, sending files over 256 KB at `bytesPerSecond` in
 * 64 KB pieces, so a page can be watched while its big downloads arrive.
 */
export async function startSlow(root: string, headers: Record<string, string>, bytesPerSecond: number): Promise<App> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(resolve(root), path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(resolve(root)) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file).slice(1)] ?? 'application/octet-stream', 'content-length': body.byteLength });
    if (body.byteLength <= 262144) return void res.end(body);
    const piece = 65536;
    let at = 0;
    const send = () => {
      if (res.destroyed) return;
      res.write(body.subarray(at, at + piece));
      at += piece;
      if (at >= body.byteLength) res.end();
      else setTimeout(send, (piece / bytesPerSecond) * 1000);
    };
    send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
