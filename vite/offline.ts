// Build step for hosting anywhere and offline (docs/hosting.md): writes dist/sw.js, the service
// worker compiled from src/worker/serviceWorker.ts with this build's precache list and version,
// and dist/_headers, the Netlify / Cloudflare Pages header file, from the same header values
// vite preview sends, so neither can drift from vite.config.ts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';
import { CACHE_PREFIX, DATA_CACHE, type OfflineManifest } from '../src/shared/offline/manifest';

const SOURCE = new URL('../src/worker/serviceWorker.ts', import.meta.url);
const PLACEHOLDER = /["']__GANVAS_OFFLINE_MANIFEST__["']/;

/** Public files worth precaching: everything but the data sets (cached on first use) and host config. */
function publicFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => !f.startsWith('data/') && f !== '_headers').sort();
}

/** `headers`: what every response must carry (sent by the host, or added by the service worker). */
export function offline(headers: Record<string, string>): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'ganvas:offline',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const contents = new Map<string, Uint8Array | string>();
        for (const [name, item] of Object.entries(bundle)) {
          if (name.endsWith('.map')) continue;
          contents.set(name, item.type === 'chunk' ? item.code : item.source);
        }
        if (config.build.copyPublicDir && config.publicDir) {
          for (const f of publicFiles(config.publicDir)) contents.set(f, readFileSync(join(config.publicDir, f)));
        }
        if (!contents.has('index.html')) this.error('no index.html in the bundle: the offline shell would be missing');
        const hash = createHash('sha256');
        const files: OfflineManifest['files'] = [];
        for (const name of [...contents.keys()].sort()) {
          const data = contents.get(name) as Uint8Array | string;
          hash.update(name).update(data);
          // The page is precached under the scope's own URL, which is what a visitor opens.
          files.push({ path: name === 'index.html' ? './' : name, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
        }
        const manifest: OfflineManifest = {
          version: hash.digest('hex').slice(0, 12),
          cachePrefix: CACHE_PREFIX,
          dataCache: DATA_CACHE,
          files,
          headers,
        };
        const compiled = await transformWithOxc(readFileSync(SOURCE, 'utf8'), 'serviceWorker.ts', { lang: 'ts' });
        // A module with only type imports compiles to `export {};`, which a classic script cannot hold.
        const code = compiled.code.replace(/^export \{\};?\s*$/m, '');
        if (!PLACEHOLDER.test(code)) this.error('src/worker/serviceWorker.ts has no manifest placeholder: update vite/offline.ts');
        if (/^\s*(import|export)\b/m.test(code)) this.error('the service worker must not import or export: it runs as a classic script');
        const mb = (files.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1);
        config.logger.info(`offline copy: ${files.length} files, ${mb} MB, version ${manifest.version} (sw.js)`);
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: code.replace(PLACEHOLDER, () => JSON.stringify(manifest)) });
        const lines = Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`);
        this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
      },
    },
  };
}
