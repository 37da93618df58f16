// How fast a conv GAN learns per step and per second on this CPU: trains the
// engine in Node on tfjs's WASM backend (the single-threaded SIMD build the app
// uses on a 2-core machine) and scores the generator every N steps with the
// app's own quality monitor. The sweep behind DCGAN-lite's width and rate
// (docs/benchmarks.md, "A conv model for CPUs").
//   npx tsx scripts/bench/liteSweep.ts --model dcgan-lite --width 16 --lr 5e-4 --batch 64 --steps 2500 --every 250
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../../src/shared/hyperparams';
import { DCGAN_WIDTH } from '../../src/shared/choices/models';
import type { LossKind, ModelKind } from '../../src/shared/protocol';
import { QualityMonitor } from '../../src/engine/quality/monitor';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from '../../test/unit/mnistData';
import { qualityFiles } from '../../test/unit/qualityFiles';

const { values: v } = parseArgs({
  options: {
    model: { type: 'string', default: 'dcgan-lite' },
    width: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string', default: '64' },
    loss: { type: 'string', default: 'bce' },
    steps: { type: 'string', default: '2500' },
    every: { type: 'string', default: '250' },
    seed: { type: 'string', default: '42' },
  },
});
const model = v.model as ModelKind;
// A sweep over widths without a model kind for each: the table is read when the networks are built.
if (v.width && (model === 'dcgan' || model === 'dcgan-lite')) (DCGAN_WIDTH as Record<string, number>)[model] = Number(v.width);
await tf.setBackend('wasm');
const base = defaultConfig(model);
const lr = v.lr ? Number(v.lr) : base.gLearningRate;
const config = { ...base, gLearningRate: lr, dLearningRate: lr, batchSize: Number(v.batch), loss: v.loss as LossKind, seed: Number(v.seed) };
const trainer = new GanTrainer(config, mnistTrain());
const monitor = new QualityMonitor(async (d) => qualityFiles(d));
const every = Number(v.every);
const label = `${model}${v.width ? ` width ${v.width}` : ''}, lr ${lr}, batch ${config.batchSize}, ${config.loss}, seed ${config.seed}`;
console.log(`| ${label}: step | training s | steps/s | FD | classifier score |\n|---:|---:|---:|---:|---:|`);
let trainedMs = 0;
while (trainer.stepCount < Number(v.steps)) {
  const t0 = performance.now();
  await trainer.steps(every);
  trainedMs += performance.now() - t0;
  const q = await monitor.evaluate(trainer);
  console.log(
    `| ${trainer.stepCount} | ${(trainedMs / 1000).toFixed(0)} | ${((trainer.stepCount * 1000) / trainedMs).toFixed(1)} | ${q.fd.toFixed(1)} | ${q.score.toFixed(2)} |`,
  );
}
trainer.dispose();
monitor.dispose();
