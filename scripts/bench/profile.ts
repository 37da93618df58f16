// Per-kernel time of one training step of the engine in Node, to find what to
// optimise next. `npm run bench:profile -- --model dcgan --backend wasm --steps 10`
// (wasm in Node runs the same single-threaded SIMD build the app uses).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../../src/shared/hyperparams';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from '../../test/unit/mnistData';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'mlp' },
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '20' },
    top: { type: 'string', default: '20' },
  },
});
const model = values.model as ModelKind;
const steps = Number(values.steps);
await tf.setBackend(values.backend);
const trainer = new GanTrainer(defaultConfig(model), mnistTrain());
for (let i = 0; i < 3; i++) await trainer.step();
const t0 = performance.now();
for (let i = 0; i < steps; i++) await trainer.step();
const ms = (performance.now() - t0) / steps;
console.log(`${model} on ${values.backend}: ${ms.toFixed(1)} ms/step, ${((trainer.config.batchSize * 1000) / ms).toFixed(0)} img/s (mean of ${steps} steps)`);

const profile = await tf.profile(async () => {
  const t = trainer.enqueueStep();
  await t.data();
  t.dispose();
});
const byKernel = new Map<string, { calls: number; ms: number }>();
for (const k of profile.kernels) {
  const e = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
  e.calls++;
  e.ms += Number(k.kernelTimeMs);
  byKernel.set(k.name, e);
}
console.log(`one profiled step: ${profile.kernels.length} kernel calls (op scopes such as fusedConv2d__op include their kernels)`);
console.log('| kernel | calls | ms |\n|---|---:|---:|');
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(values.top))) {
  console.log(`| ${name} | ${e.calls} | ${e.ms.toFixed(2)} |`);
}
trainer.dispose();
