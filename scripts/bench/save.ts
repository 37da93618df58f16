// What autosave costs the training loop: the time to copy the whole run out of
// tfjs (the loop waits only for this), then packing it (done in the saver
// worker in the app) and restoring it, per model, next to one training step. `npm run bench:save`
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { applyRun } from '../../src/engine/runfile/checkpoint';
import { defaultConfig } from '../../src/shared/hyperparams';
import { decodeRun, encodeRun } from '../../src/engine/runfile/runArchive';
import { RunRecord } from '../../src/engine/runfile/runRecord';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from '../../test/unit/mnistData';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'wasm' }, history: { type: 'string', default: '100000' } } });
await tf.setBackend(values.backend);
const data = mnistTrain();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`autosave cost on ${values.backend}, with a ${Number(values.history).toLocaleString('en-US')}-step metric history (medians of 5)`);
console.log(
  '| model | one step ms | copy out of tfjs ms (the loop waits) | zip ms (saver worker) | archive MB | decode + restore ms |\n|---|---:|---:|---:|---:|---:|',
);
for (const model of ['mlp', 'dcgan', 'dcgan-lite', 'dcgan-seed'] as ModelKind[]) {
  const trainer = new GanTrainer(defaultConfig(model), data);
  const record = new RunRecord();
  const points = Array.from({ length: Number(values.history) }, (_, i) => ({ step: i + 1, epoch: i / 937, dLoss: 1.3, gLoss: 0.8, dReal: 0.5, dFake: 0.4 }));
  record.record(points);
  for (let i = 0; i < 3; i++) await trainer.step();
  const step: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await trainer.step();
    step.push(performance.now() - t);
  }
  const copy: number[] = [];
  const zip: number[] = [];
  const load: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const run = await record.capture(trainer, 'wasm');
    const t1 = performance.now();
    bytes = encodeRun(run);
    copy.push(t1 - t);
    zip.push(performance.now() - t1);
    const t2 = performance.now();
    const fresh = new GanTrainer(defaultConfig(model), data);
    applyRun(fresh, decodeRun(bytes));
    load.push(performance.now() - t2);
    fresh.dispose();
  }
  console.log(
    `| ${model} | ${median(step).toFixed(1)} | ${median(copy).toFixed(1)} | ${median(zip).toFixed(1)} | ${(bytes.byteLength / 1e6).toFixed(1)} | ${median(load).toFixed(1)} |`,
  );
  trainer.dispose();
}
