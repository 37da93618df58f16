// "Losses are read back every k steps (adaptive, <= 25 ms of work per read; ?k= forces it)": the rule
// as the worker's loop applies it, watched on a real run (cpu backend, real MNIST).
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stepper } from '../../src/engine/loop/steps';
import { defaultConfig } from '../../src/shared/hyperparams';
import { harness } from './sessionHarness';

/** Each read-back the loop planned: its k, and the step time it planned from (ms, measured on the previous read). */
const reads: { k: number; msPerStep: number }[] = [];
type Loop = { readEvery(task: unknown): number; msPerStep: number };
const loop = Stepper.prototype as unknown as Loop;
const planned = loop.readEvery;

beforeAll(() => {
  loop.readEvery = function (this: Loop, task) {
    const k = planned.call(this, task);
    reads.push({ k, msPerStep: this.msPerStep });
    return k;
  };
});
afterAll(() => {
  loop.readEvery = planned;
});

/** Steps a new MLP run (batch 16) on a backend; returns the read-backs the loop planned. */
async function stepRun(backend: 'cpu' | 'wasm', steps: number, readEvery?: number): Promise<typeof reads> {
  reads.length = 0;
  const h = harness({ backends: [backend] });
  h.send({ type: 'init', config: { ...defaultConfig('mlp'), batchSize: 16, ...(readEvery ? { readEvery } : {}) }, autoModel: false });
  await h.until(() => h.of('ready').length > 0);
  h.send({ type: 'step', n: steps });
  await h.until(() => h.of('status').at(-1)?.step === steps);
  h.send({ type: 'dispose' });
  return reads.slice();
}

describe('loss read-back', () => {
  /** Each planned k is as many steps as fit in 25 ms at the last measured step time, from 1 to 10. */
  const expectTheRule = (seen: typeof reads) => {
    expect(seen[0].k).toBe(1); // the step time is unknown before the first read
    for (const { k, msPerStep } of seen.slice(1)) {
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(10);
      if (k > 1) expect(k * msPerStep).toBeLessThanOrEqual(25); // at most 25 ms of steps per read...
      if (k < 10) expect((k + 1) * msPerStep).toBeGreaterThan(25); // ...and not fewer steps than fit
    }
  };

  it('batches as many steps as fit in 25 ms (at most 10) between two reads', async () => {
    // The MLP at batch 16 takes a few ms a step on WASM in Node: reads batch several steps.
    const seen = await stepRun('wasm', 300);
    expectTheRule(seen);
    expect(Math.max(...seen.map((r) => r.k))).toBeGreaterThan(1);
  });

  it('reads after every step when one step takes longer than 25 ms', async () => {
    // The same MLP on the cpu backend takes ~70 ms a step here.
    const seen = await stepRun('cpu', 20);
    expectTheRule(seen);
    expect(seen.filter((r) => r.msPerStep > 25).every((r) => r.k === 1)).toBe(true);
  });

  it('?k= fixes k', async () => {
    const seen = await stepRun('wasm', 30, 7);
    expect(seen.map((r) => r.k)).toEqual([7, 7, 7, 7, 7]); // the last read takes the 2 steps left
  });
});
