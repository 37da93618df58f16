// The test hooks (fault, readState, measureQuality) are live only in a worker started with `?faults`.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { harness } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16 };
const lastStatus = (h: ReturnType<typeof harness>) => h.of('status').at(-1);

async function ready(testHooks: boolean) {
  const h = harness({ testHooks });
  h.send({ type: 'init', config, autoModel: false });
  await h.until(() => h.of('ready').length > 0);
  return h;
}

async function digest(h: ReturnType<typeof harness>) {
  const n = h.of('stateDigest').length;
  h.send({ type: 'readState' });
  await h.until(() => h.of('stateDigest').length > n);
  return (h.of('stateDigest').at(-1) as { digest: import('../../src/shared/protocol').StateDigest }).digest;
}

describe('test hooks', () => {
  it('without ?faults, fault, readState and measureQuality get an error event and change nothing', async () => {
    const h = await ready(false);
    h.send({ type: 'fault', kind: 'nan' });
    h.send({ type: 'readState' });
    h.send({ type: 'measureQuality' });
    h.send({ type: 'step', n: 2 });
    await h.until(() => lastStatus(h)?.step === 2);
    expect(h.of('error').map((e) => [e.code, e.message])).toEqual(
      ['fault', 'readState', 'measureQuality'].map((t) => ['command', `Ignored '${t}': test hooks are off (open the page with ?faults).`]),
    );
    // The NaN was never written: the steps after it trained without a rollback.
    expect(h.of('rolledBack')).toEqual([]);
    expect(h.of('stateDigest')).toEqual([]);
    const points = h.of('metrics').flatMap((m) => m.points);
    expect(points.every((p) => Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss))).toBe(true);
    h.send({ type: 'dispose' });
  });

  it('with ?faults, a fault is applied and readState digests weights, moments and position', async () => {
    const h = await ready(true);
    const before = await digest(h);
    expect(before).toMatchObject({ step: 0, last: null });
    h.send({ type: 'step', n: 1 });
    await h.until(() => lastStatus(h)?.step === 1);
    const after = await digest(h);
    expect(after.step).toBe(1);
    for (const k of ['g', 'd', 'gAdam', 'dAdam', 'position', 'sample'] as const) expect(after[k], k).not.toBe(before[k]);
    expect(after.last?.step).toBe(1);
    // The same run, read twice, digests the same.
    expect(await digest(h)).toEqual(after);
    h.send({ type: 'fault', kind: 'nan' });
    h.send({ type: 'step', n: 1 });
    await h.until(() => h.of('rolledBack').length > 0);
    h.send({ type: 'dispose' });
  });
});
