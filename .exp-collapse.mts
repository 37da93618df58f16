import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStats, QualityClassifier } from '/work/main/src/engine/quality';
import { PRESETS } from '/work/main/src/engine/presets';
import { defaultConfig, LATENT_SIZE } from '/work/main/src/engine/hyperparams';
import { GanTrainer } from '/work/main/src/engine/trainer';
import { Rng } from '/work/main/src/engine/rng';
import { mnistTrain } from '/work/main/test/unit/mnistData';
await tf.setBackend('cpu');
const dir = '/work/main/public/models/mnist';
const bin = readFileSync(join(dir, 'weights.bin'));
const weights = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
const stats = parseStats(JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')), 'stats.json');
const clf = await QualityClassifier.load(readFileSync(join(dir, 'model.json'), 'utf8'), weights, stats, 'model.json');
const id = process.argv[2] as keyof typeof PRESETS;
const steps = Number(process.argv[3] ?? 1500);
const config = { ...defaultConfig('mlp'), ...PRESETS[id].settings, model: 'mlp' as const, seed: Number(process.argv[4] ?? 42) };
const t = new GanTrainer(config, mnistTrain());
const z = new Rng(7).fillNormal(new Float32Array(500 * LATENT_SIZE));
for (let s = 0; s <= steps; s += 250) {
  if (s > 0) await t.steps(250);
  const r = await clf.evaluate(500, (start, count) => tf.tidy(() => t.generate(tf.tensor2d(z.subarray(start * LATENT_SIZE, (start + count) * LATENT_SIZE), [count, LATENT_SIZE]))));
  console.log(id, s, 'spread', r.spread.toFixed(3), 'fd', r.fd.toFixed(1), 'score', r.score.toFixed(2), 'modes', r.modes, 'kl', r.kl.toFixed(2), JSON.stringify(r.histogram));
}
