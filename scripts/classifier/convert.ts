// Builds the reference classifier in tfjs from the raw PyTorch weights that
// scripts/classifier/train.py wrote, proves the conversion by re-measuring test
// accuracy in tfjs, and writes public/models/<dataset>/ (model.json,
// weights.bin, stats.json: the test set's feature statistics, the real-vs-real
// FD floor per sample count, the test accuracy and classifier score).
//
//   npx tsx scripts/classifier/convert.ts [mnist|fashion ...]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_FILES, parseIdxSet, type ImageSet } from '../../src/engine/data/mnist';
import { frechetDistance, gaussianOf, reference } from '../../src/engine/quality/frechet';
import { classStats, CLASSES, FEATURES, QualityClassifier, type ClassifierStats } from '../../src/engine/quality/quality';
import { Rng } from '../../src/shared/rng';
import type { DatasetName } from '../../src/shared/protocol';

const ROOT = join(import.meta.dirname, '..', '..');
const FLOOR_KS = [250, 500, 1000, 2000];
const FLOOR_DRAWS = 5;

interface RawManifest {
  torchTestAccuracy: number;
  epochs: number;
  weights: { name: string; shape: number[] }[];
}

/** The network of train.py's Classifier, channels last; dropout is training-only, so absent. */
function buildClassifier(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ name: 'conv1', inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }),
      tf.layers.conv2d({ name: 'conv2', filters: 64, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ name: 'features', units: FEATURES, activation: 'relu' }),
      tf.layers.dense({ name: 'logits', units: CLASSES }),
    ],
  });
}

/** PyTorch layouts to tfjs: conv [out, in, kh, kw] -> [kh, kw, in, out], dense [out, in] -> [in, out]. */
function loadTorchWeights(model: tf.Sequential, dir: string): RawManifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8')) as RawManifest;
  const bin = readFileSync(join(dir, 'weights.bin'));
  const raw = new Map<string, tf.Tensor>();
  let offset = 0;
  for (const { name, shape } of manifest.weights) {
    const size = shape.reduce((a, b) => a * b, 1);
    raw.set(name, tf.tensor(new Float32Array(bin.buffer.slice(bin.byteOffset + offset, bin.byteOffset + offset + size * 4)), shape));
    offset += size * 4;
  }
  if (offset !== bin.byteLength) throw new Error(`${dir}/weights.bin: ${bin.byteLength} bytes, weights.json describes ${offset}`);
  const torchName = { conv1: 'conv1', conv2: 'conv2', features: 'features', logits: 'logits' } as const;
  for (const [layer, prefix] of Object.entries(torchName)) {
    const w = raw.get(`${prefix}.weight`);
    const b = raw.get(`${prefix}.bias`);
    if (!w || !b) throw new Error(`${dir}/weights.json has no ${prefix}.weight / ${prefix}.bias`);
    const kernel = w.rank === 4 ? tf.transpose(w, [2, 3, 1, 0]) : tf.transpose(w);
    model.getLayer(layer).setWeights([kernel, b]);
    kernel.dispose();
  }
  tf.dispose([...raw.values()]);
  return manifest;
}

function loadTest(dataset: DatasetName): ImageSet {
  const dir = join(ROOT, 'public', 'data', dataset);
  const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
  return parseIdxSet(read(MNIST_FILES.testImages), MNIST_FILES.testImages, read(MNIST_FILES.testLabels), MNIST_FILES.testLabels);
}

/** Test images [start, start + count) scaled to [-1, 1] as the generator makes them. */
function testImages(set: ImageSet, start: number, count: number): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.div(tf.tensor4d(set.pixels.subarray(start * 784, (start + count) * 784), [count, 28, 28, 1], 'int32'), 127.5), 1));
}

async function artifacts(model: tf.LayersModel): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  let out: { modelJson: string; weights: ArrayBuffer } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = a.weightData as ArrayBuffer;
      out = {
        modelJson: JSON.stringify({
          format: 'layers-model',
          generatedBy: 'ganvas scripts/classifier',
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
        }),
        weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!out) throw new Error('model.save wrote nothing');
  return out;
}

async function convert(dataset: DatasetName): Promise<void> {
  const model = buildClassifier();
  const raw = loadTorchWeights(model, join(ROOT, '.classifier', dataset));
  const { modelJson, weights } = await artifacts(model);
  model.dispose();

  // Measure through the saved bytes, exactly as the app will load them.
  const test = loadTest(dataset);
  const placeholder: ClassifierStats = {
    dataset,
    testImages: test.count,
    testAccuracy: 0,
    testScore: 0,
    floors: [{ k: 2, fd: 0 }],
    mean: new Array(FEATURES).fill(0),
    cov: new Array(FEATURES * FEATURES).fill(0),
  };
  const classifier = await QualityClassifier.load(modelJson, weights, placeholder, 'model.json');
  const features = new Float32Array(test.count * FEATURES);
  const probs = new Float32Array(test.count * CLASSES);
  for (let start = 0; start < test.count; start += 500) {
    const images = testImages(test, start, Math.min(500, test.count - start));
    const out = await classifier.read(images);
    images.dispose();
    features.set(out.features, start * FEATURES);
    probs.set(out.probs, start * CLASSES);
  }
  classifier.dispose();
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const row = probs.subarray(i * CLASSES, (i + 1) * CLASSES);
    if (row.indexOf(Math.max(...row)) === test.labels[i]) correct++;
  }
  const full = gaussianOf(features, test.count, FEATURES);
  const ref = reference(full);
  const rng = new Rng(7);
  const floors = FLOOR_KS.map((k) => {
    let sum = 0;
    for (let draw = 0; draw < FLOOR_DRAWS; draw++) {
      const pick = new Float32Array(k * FEATURES);
      const order = Array.from({ length: test.count }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + rng.int(test.count - i);
        [order[i], order[j]] = [order[j], order[i]];
        pick.set(features.subarray(order[i] * FEATURES, (order[i] + 1) * FEATURES), i * FEATURES);
      }
      sum += frechetDistance(ref, gaussianOf(pick, k, FEATURES));
    }
    return { k, fd: round(sum / FLOOR_DRAWS) };
  });
  const stats: ClassifierStats & { torchTestAccuracy: number; epochs: number } = {
    dataset,
    testImages: test.count,
    testAccuracy: correct / test.count,
    torchTestAccuracy: raw.torchTestAccuracy,
    epochs: raw.epochs,
    testScore: round(classStats(probs, test.count).score),
    floors,
    mean: Array.from(full.mean, round),
    cov: Array.from(full.cov, round),
  };
  const out = join(ROOT, 'public', 'models', dataset);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'model.json'), modelJson);
  writeFileSync(join(out, 'weights.bin'), new Uint8Array(weights));
  writeFileSync(join(out, 'stats.json'), JSON.stringify(stats));
  console.log(
    `${dataset}: test accuracy ${(stats.testAccuracy * 100).toFixed(2)}% in tfjs (${(raw.torchTestAccuracy * 100).toFixed(2)}% in PyTorch), ` +
      `classifier score of the test set ${stats.testScore.toFixed(2)}, FD floor ${floors.map((f) => `K=${f.k}: ${f.fd.toFixed(3)}`).join(', ')}; ` +
      `${((weights.byteLength + modelJson.length) / 1024).toFixed(0)} KB in ${out}`,
  );
}

function round(v: number): number {
  return Number(v.toPrecision(7));
}

const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : ['mnist', 'fashion']) as DatasetName[];
await tf.setBackend('wasm');
for (const dataset of wanted) {
  if (dataset !== 'mnist' && dataset !== 'fashion') throw new Error(`unknown data set ${dataset as string}: use mnist or fashion`);
  await convert(dataset);
}
