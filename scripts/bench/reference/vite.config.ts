// Builds the bench's reference page (index.html + main.ts here) on its own, into
// dist-reference/, so the app's build stays untouched. Used by ../reference.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // The repo's public/, so the page reads MNIST at data/mnist/ as the app does.
  publicDir: `${repo}public`,
  // No cross-origin isolation headers, as on a typical demo page: WASM runs single-threaded.
  build: { outDir: `${repo}dist-reference`, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
});
