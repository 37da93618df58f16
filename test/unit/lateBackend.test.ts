// The failover path: our kernels get installed while one backend runs, and wasm
// starts only later (a forced WebGL run whose context is lost). The replaced
// kernels must still bind wasm's functions when it starts.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { mnistTrain } from './mnistData';

it('wasm started after the kernels were swapped trains every model', async () => {
  await tf.setBackend('cpu');
  const data = mnistTrain();
  new GanTrainer({ ...defaultConfig('dcgan'), batchSize: 8 }, data).dispose();
  await tf.setBackend('wasm');
  for (const model of ['mlp', 'dcgan'] as const) {
    const t = new GanTrainer({ ...defaultConfig(model), batchSize: 8 }, data);
    const p = await t.step();
    // BCE losses are positive, and D's mean probabilities strictly inside (0, 1).
    expect(p.dLoss > 0 && p.gLoss > 0, `losses D ${p.dLoss}, G ${p.gLoss}`).toBe(true);
    expect(
      [p.dReal, p.dFake].every((x) => x > 0 && x < 1),
      `D(x) ${p.dReal}, D(G(z)) ${p.dFake}`,
    ).toBe(true);
    t.dispose();
  }
}, 60_000);
