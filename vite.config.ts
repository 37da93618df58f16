import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs starts each WASM pthread from a Blob holding the threaded factory's
 * own source (`factory.toString()`). That source reads `_scriptDir` from its
 * enclosing closure behind a `typeof` guard; once bundled and minified the
 * guard is gone and the name is mangled, so every pthread dies with
 * "e is not defined". We give tfjs the wasm URLs ourselves (setWasmPaths) and
 * it passes the Blob as the script, so the factory never needs `_scriptDir`:
 * drop it and the source is self-contained again.
 */
function selfContainedWasmThreads(): Plugin {
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
  plugins: [react(), selfContainedWasmThreads()],
  worker: { format: 'es', plugins: () => [selfContainedWasmThreads()] },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
