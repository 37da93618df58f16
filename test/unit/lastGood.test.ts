// The docs say a NaN rolls the run back to a copy "kept in memory every 100
// steps": after 250 good steps the rollback lands on step 200, not further back.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { KEEP_EVERY } from '../../src/engine/loop/clock';
import { harness } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16 };

describe('the last good state', () => {
  it(`is refreshed every ${KEEP_EVERY} steps: a NaN at step 251 goes back to step 200`, async () => {
    const h = harness();
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('samples').length > 0);
    h.send({ type: 'step', n: 250 });
    await h.until(() => h.of('status').at(-1)?.step === 250, 60_000);
    const trainer = (h as unknown as { session: { task: { gan: { discriminator: tf.LayersModel } } } }).session.task;
    const w = trainer.gan.discriminator.weights[0];
    tf.tidy(() => void w.write(tf.fill(w.shape as number[], NaN)));
    h.send({ type: 'step', n: 1 });
    await h.until(() => h.of('rolledBack').length > 0);
    expect(h.of('rolledBack')[0].step).toBe(200);
    h.send({ type: 'dispose' });
    await h.until(() => tf.memory().numTensors === 0, 5000);
  }, 90_000);
});
