// Builds the bench's reference page (index.html + main.ts here) on its own, into
// dist-reference/, so the app's build stays untouched. Used by ../reference.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { isolation, selfContainedWasmThreads } from '../../../vite.config';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // The repo's public/, so the page reads MNIST at data/mnist/ as the app does.
  publicDir: `${repo}public`,
  // Cross-origin isolated like the app, so the WASM reference gets threads too: the same backend as ganvas's.
  plugins: [selfContainedWasmThreads()],
  preview: { headers: isolation },
  build: { outDir: `${repo}dist-reference`, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
});
