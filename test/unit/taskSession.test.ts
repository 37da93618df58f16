// The applications in the worker's loop: each task trains through the same
// session as the digits (commands, views, held-out measures, saving), and a
// saved run of each continues exactly where it stopped.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { TASK_DEFAULTS } from '../../src/shared/tasks';
import { TASK_VIEW_COLUMNS } from '../../src/shared/tasks';
import type { RunConfig, TaskName } from '../../src/shared/protocol';
import { harness, stateChanges } from './sessionHarness';
import { qualityFiles } from './qualityFiles';

type H = ReturnType<typeof harness>;
const stepOf = (h: H) => h.of('status').at(-1)?.step ?? -1;

function configFor(task: TaskName): RunConfig {
  return { ...defaultConfig('mlp'), ...TASK_DEFAULTS[task], task, batchSize: 8, seed: 7 };
}

async function ready(config: RunConfig): Promise<H> {
  const h = harness({ backends: ['wasm'], loadQuality: async (d) => qualityFiles(d) });
  h.send({ type: 'init', config, autoModel: false });
  await h.until(() => h.of('ready').length > 0 && h.of('samples').length > 0, 120_000);
  return h;
}

async function steps(h: H, n: number): Promise<void> {
  const target = stepOf(h) + n;
  h.send({ type: 'step', n });
  await h.until(() => stepOf(h) === target, 120_000);
}

async function exported(h: H): Promise<ArrayBuffer> {
  const n = h.of('runExported').length;
  h.send({ type: 'exportRun' });
  await h.until(() => h.of('runExported').length > n);
  return h.of('runExported')[n].bytes;
}

const open: H[] = [];

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(() => {
  for (const h of open) h.send({ type: 'dispose' });
});

describe.each(['superres', 'sketch', 'transfer'] as TaskName[])('the %s task in the session loop', (task) => {
  it('shows its view, measures held-out images, and a saved run resumes bit for bit', { timeout: 300_000 }, async () => {
    const a = await ready(configFor(task));
    open.push(a);
    const grid = a.of('samples')[0];
    // One 28-pixel cell per column the page captions, with a 1-pixel gap.
    expect(grid.width).toBe(TASK_VIEW_COLUMNS[task].length * 29 + 1);
    expect(a.of('ready')[0].summary.generator.params).toBeGreaterThan(0);

    await steps(a, 3);
    const tensors = tf.memory().numTensors;
    await steps(a, 3);
    expect(tf.memory().numTensors).toBe(tensors);

    a.send({ type: 'measureQuality' });
    await a.until(() => a.of('taskScore').length > 0, 120_000);
    const score = a.of('taskScore')[0].score;
    expect(score.step).toBe(6);
    expect(Object.values(score.values).every(Number.isFinite)).toBe(true);
    expect(a.of('error')).toEqual([]);

    a.send({ type: 'setHyperparams', params: task === 'transfer' ? { cycleWeight: 5 } : { l1Weight: 40 } });
    await a.until(() => a.of('hyperparams').length > 0);
    const bytes = await exported(a);

    const b = await ready(configFor(task));
    open.push(b);
    b.send({ type: 'loadRun', bytes, resume: false });
    await b.until(() => b.of('ready').length === 2, 120_000);
    expect(b.of('error')).toEqual([]);
    expect(b.of('ready')[1].loaded?.taskScores).toEqual([score]);
    expect(stateChanges(await a.state(), await b.state())).toEqual([]);
    await steps(a, 2);
    await steps(b, 2);
    expect(stateChanges(await a.state(), await b.state())).toEqual([]);
  });
});
