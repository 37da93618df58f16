import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import type { BackendName } from '../../src/shared/protocol';
import { harness, stateChanges } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16, seed: 9 };
type H = ReturnType<typeof harness>;
const lastStep = (h: H) => h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0;

// The dropKernel fault unregisters Relu for the whole process: put it back after each test.
const relus = (['wasm', 'cpu'] as const).map((b) => tf.getKernel('Relu', b));
afterEach(() => {
  for (const k of relus) if (k && !tf.getKernel('Relu', k.backendName)) tf.registerKernel(k);
});

async function training(h: H, steps: number): Promise<void> {
  h.send({ type: 'init', config, autoModel: false });
  await h.until(() => h.of('ready').length > 0);
  h.send({ type: 'start' });
  await h.until(() => lastStep(h) >= steps);
}

describe('backend failover in the worker loop', () => {
  it('a kernel gone from wasm: training moves to cpu, keeps every step, and goes on running', async () => {
    const h = harness({ backends: ['wasm', 'cpu'] });
    await training(h, 30);
    expect(h.of('ready')[0].backend).toBe('wasm');
    h.send({ type: 'fault', kind: 'dropKernel' });
    await h.until(() => h.of('ready').length === 2);
    const moved = h.of('ready')[1];
    expect(moved.backend).toBe('cpu');
    expect(moved.runId).toBe(h.of('ready')[0].runId);
    expect(moved.loaded?.from).toBe('failover');
    expect(moved.reports.find((r) => r.name === 'wasm')).toMatchObject({ ok: false, detail: expect.stringMatching(/failed while training: .*Relu/) });
    const err = h.of('error').find((e) => e.code === 'backend');
    expect(err?.message).toMatch(/^wasm stopped working: .*Relu.*Training moved to cpu and lost nothing \(step \d+\)\.$/);
    // Lost nothing: the history handed over ends where training stopped, and the run goes on from there.
    const handedOver = moved.loaded?.step ?? -1;
    expect(handedOver).toBeGreaterThanOrEqual(30);
    const at = lastStep(h);
    await h.until(() => lastStep(h) > at + 5);
    expect(h.of('status').at(-1)?.status).toBe('running');
    h.send({ type: 'dispose' });
  }, 120_000);

  it('a kernel gone from wasm while paused: the run cpu takes over is the one that stopped, bitwise', async () => {
    const h = harness({ backends: ['wasm', 'cpu'] });
    h.send({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('ready').length > 0);
    h.send({ type: 'step', n: 5 });
    await h.until(() => h.of('status').at(-1)?.step === 5);
    const stopped = await h.state();
    h.send({ type: 'fault', kind: 'dropKernel' });
    h.send({ type: 'step', n: 1 });
    await h.until(() => h.of('ready').length === 2);
    expect(h.of('ready')[1].backend).toBe('cpu');
    expect(h.of('error').find((e) => e.code === 'backend')?.message).toMatch(/lost nothing \(step 5\)/);
    // G, D, both optimizers' moments and counters, the step: as they were on wasm. (The failed step had drawn its
    // batch and noise before the missing kernel stopped it, so the data and noise positions are not compared.)
    expect(stateChanges(await h.state(), stopped).filter((c) => c !== 'sampler' && c !== 'rng')).toEqual([]);
    h.send({ type: 'dispose' });
  }, 120_000);

  it('a lost device: training goes back to the last host copy on the next backend and says how many steps were lost', async () => {
    let lose: ((reason: string) => void) | undefined;
    const h = harness({ backends: ['wasm', 'cpu'], onWatch: (name: BackendName, onLost) => name === 'wasm' && (lose = onLost) });
    await training(h, 20);
    lose?.('the WebGPU device was lost (destroyed)');
    await h.until(() => h.of('ready').length === 2);
    const moved = h.of('ready')[1];
    expect(moved.backend).toBe('cpu');
    // The host copy was taken when the run was built, at step 0: the history handed over is cut there too.
    expect(moved.loaded?.step).toBe(0);
    expect(moved.loaded?.metrics.length).toBe(0);
    expect(h.of('error').find((e) => e.code === 'backend')?.message).toMatch(
      /wasm stopped working: the WebGPU device was lost \(destroyed\)\. Training moved to cpu and went back to step 0, the last copy \(\d+ steps lost\)\./,
    );
    const at = lastStep(h);
    await h.until(() => lastStep(h) > at + 3);
    h.send({ type: 'dispose' });
  }, 120_000);

  it('an error a moment before the loss event (a read on a dying device) is that loss: the run moves on', async () => {
    let lose: ((reason: string) => void) | undefined;
    const h = harness({ backends: ['wasm', 'cpu'], onWatch: (name: BackendName, onLost) => name === 'wasm' && (lose = onLost) });
    await training(h, 10);
    // The harness's shell cannot crash the worker, so the fault command throws: an unexpected error, as the
    // failed mapAsync of a grid read is in the browser. The device reports its loss 100 ms later.
    h.send({ type: 'fault', kind: 'crash' });
    setTimeout(() => lose?.('the WebGPU device was lost (destroyed)'), 100);
    await h.until(() => h.of('ready').length === 2);
    expect(h.of('ready')[1].backend).toBe('cpu');
    expect(h.of('error').map((e) => e.code)).toEqual(['backend']);
    const at = lastStep(h);
    await h.until(() => lastStep(h) > at + 3);
    h.send({ type: 'dispose' });
  }, 120_000);

  it('when cpu, the last resort, fails too the run pauses with the error instead of looping', async () => {
    const h = harness({ backends: ['cpu'] });
    await training(h, 3);
    h.send({ type: 'fault', kind: 'dropKernel' });
    await h.until(() => h.of('error').length > 0);
    expect(h.of('error')[0]).toMatchObject({ code: 'internal' });
    expect(h.of('error')[0].message).toMatch(/Relu/);
    await h.until(() => h.of('status').at(-1)?.status === 'paused');
    expect(h.of('ready')).toHaveLength(1);
    h.send({ type: 'dispose' });
  }, 60_000);
});
