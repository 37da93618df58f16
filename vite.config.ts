import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offline } from './vite/offline';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
export const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Content-Security-Policy: everything comes from our own origin, no inline
 * script, no eval, nothing sent anywhere else (test/e2e/security.test.ts).
 *
 * The page itself needs nothing beyond 'self'. The training worker needs two
 * more, and it only gets them from the response header (a <meta> CSP governs
 * the document, never a worker's own script):
 * - 'wasm-unsafe-eval': the WASM backend compiles its .wasm (without it tfjs
 *   logs "Compiling or instantiating WebAssembly module violates ... Content
 *   Security policy" and the backend is lost).
 * - blob: in worker-src and script-src: threaded WASM starts each pthread as
 *   `new Worker(blob:)` (worker-src) and that worker loads the factory with
 *   `importScripts(blob:)` (script-src, inherited from the training worker).
 *   Without either, WASM never finishes initialising.
 * The header is sent on every response, so it is the union of both needs; the
 * <meta> holds the document to the strict part (both apply to the document,
 * and the stricter wins). frame-ancestors works only as a header.
 */
const STRICT: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'connect-src': "'self'",
  'img-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};
const WORKER_NEEDS: Record<string, string> = {
  'script-src': "'self' 'wasm-unsafe-eval' blob:",
  'worker-src': "'self' blob:",
};
const policy = (d: Record<string, string>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
/** In the built index.html as <meta http-equiv>. */
export const DOCUMENT_CSP = policy(STRICT);
/** The response header `vite preview` sends (and a static host should send) on every file. */
export const HEADER_CSP = policy({ ...STRICT, ...WORKER_NEEDS, 'frame-ancestors': "'none'" });

/**
 * What a static host should send with every file (docs/hosting.md, dist/_headers), and what the
 * service worker adds where it cannot (src/worker/serviceWorker.ts). CORP lets the files load in
 * any cross-origin-isolated page of the origin.
 */
export const HOST_HEADERS: Record<string, string> = {
  ...isolation,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': HEADER_CSP,
};

/** Puts DOCUMENT_CSP into the built index.html, right after <meta charset>. Build only: the dev server injects an inline script. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'ganvas:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="UTF-8"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html has no <meta charset="UTF-8">: update contentSecurityPolicy()');
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) throw new Error('index.html has an inline <script>, which the CSP forbids');
        return html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}" />`);
      },
    },
  };
}

/**
 * tfjs starts each WASM pthread from a Blob holding the threaded factory's
 * own source (`factory.toString()`). That source reads `_scriptDir` from its
 * enclosing closure behind a `typeof` guard; once bundled and minified the
 * guard is gone and the name is mangled, so every pthread dies with
 * "e is not defined". We give tfjs the wasm URLs ourselves (setWasmPaths) and
 * it passes the Blob as the script, so the factory never needs `_scriptDir`:
 * drop it and the source is self-contained again.
 */
export function selfContainedWasmThreads(): Plugin {
  return {
    name: 'ganvas:self-contained-wasm-threads',
    transform(code, id) {
      if (!id.includes('tfjs-backend-wasm-threaded-simd.js')) return null;
      const out = code
        .replace(/^\s*var _scriptDir = .*$/m, '')
        .replace(/^\s*if \(typeof __filename !== 'undefined'\) _scriptDir = .*$/m, '')
        .replace(/\b_scriptDir\b/g, 'undefined');
      if (out === code) this.error('tfjs-backend-wasm-threaded-simd.js changed shape: update selfContainedWasmThreads()');
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  // A sub-path build: `GANVAS_BASE=/ganvas/ npm run build` or `npm run build -- --base /ganvas/`.
  base: process.env.GANVAS_BASE ?? '/',
  plugins: [react(), selfContainedWasmThreads(), contentSecurityPolicy(), offline(HOST_HEADERS)],
  worker: { format: 'es', plugins: () => [selfContainedWasmThreads()] },
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': HEADER_CSP } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
