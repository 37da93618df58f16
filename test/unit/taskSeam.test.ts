// The seam between the loop and the tasks (DESIGN.md, "One loop, tasks as plug-ins"):
// a toy task registered through the plug-in interface alone trains, pauses,
// steps, saves and resumes bit for bit in the same loop the digits run in; and
// outside the tasks' own folders no engine code names a task.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TASKS as ENGINE_TASKS } from '../../src/engine/tasks/registry';
import { TASKS as SHARED_TASKS } from '../../src/shared/tasks';
import { defaultConfig, liveOf } from '../../src/shared/hyperparams';
import { Rng } from '../../src/shared/rng';
import type { LiveHyperparams, MetricPoint, RunConfig } from '../../src/shared/protocol';
import type { SessionTask, TaskData, TaskPlugin, TaskPosition } from '../../src/engine/loop/plugin';
import { TaskRegistry } from '../../src/engine/loop/registry';
import { Adam } from '../../src/engine/train/adam';
import { applyRates, mergeLive } from '../../src/engine/train/live';
import { partsFinite, trainedPart, type TrainedPart } from '../../src/engine/train/parts';
import { renderGrid, type SampleGrid } from '../../src/engine/train/samples';
import { BatchSampler } from '../../src/engine/data/batches';
import { summarizeNetwork } from '../../src/engine/inside/modelSummary';
import { harness, stateChanges } from './sessionHarness';

/** A one-weight "generator" that learns the mean brightness of the batches it is shown: the smallest task with a network, an optimizer and a data stream. */
class ToyFit implements SessionTask {
  stepCount = 0;
  private live: LiveHyperparams;
  private readonly model: tf.Sequential;
  private readonly opt: Adam;
  private readonly rng: Rng;
  private readonly sampler: BatchSampler;

  constructor(
    readonly config: RunConfig,
    data: TaskData,
  ) {
    this.live = liveOf(config);
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros' })] });
    this.opt = new Adam(config.gLearningRate, config.beta1);
    this.rng = new Rng(config.seed);
    this.sampler = new BatchSampler(data.train, this.rng, config.batchSize);
  }

  get epoch(): number {
    return this.sampler.epoch;
  }

  get hyperparams(): LiveHyperparams {
    return { ...this.live };
  }

  parts(): TrainedPart[] {
    return [trainedPart('g', this.model, this.opt)];
  }

  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams {
    this.live = mergeLive(this.live, params);
    applyRates(this.parts(), this.live);
    return this.hyperparams;
  }

  async steps(k: number): Promise<MetricPoint[]> {
    const points: MetricPoint[] = [];
    const [{ vars }] = this.parts();
    for (let i = 0; i < k; i++) {
      const batch = this.sampler.next();
      const target = batch.reduce((a, b) => a + b, 0) / batch.length;
      const loss = this.opt.minimize(() => tf.tidy(() => tf.mean(tf.square(tf.sub(this.model.apply(tf.ones([1, 1])) as tf.Tensor, target))).asScalar()), vars);
      const value = (await loss.data())[0];
      loss.dispose();
      this.stepCount++;
      points.push({ step: this.stepCount, epoch: this.epoch, dLoss: value, gLoss: value, dReal: target, dFake: target });
    }
    return points;
  }

  takeTiming(): { dMs: null; gMs: null } {
    return { dMs: null, gMs: null };
  }

  async sampleGrid(): Promise<SampleGrid> {
    const out = tf.tidy(() => this.model.predict(tf.ones([1, 1])) as tf.Tensor);
    const [value] = await out.data();
    out.dispose();
    return { ...renderGrid(new Float32Array(28 * 28).fill(value), 1, 1), rows: 1, classIndex: null };
  }

  weightsFinite(): Promise<boolean> {
    return partsFinite(this.parts());
  }

  position(): TaskPosition {
    return { rng: this.rng.getState(), sampler: this.sampler.getState() };
  }

  setPosition(p: TaskPosition): void {
    this.rng.setState(p.rng);
    this.sampler.setState(p.sampler);
  }

  summary() {
    const net = summarizeNetwork(this.model);
    return { generator: net, discriminator: net };
  }

  exported() {
    return { network: this.model, meta: {} };
  }

  dispose(): void {
    this.model.dispose();
    this.opt.dispose();
  }
}

// The shared command checks know this build's task ids only, so the toy stands in under one of them: the loop never asks what it is.
const toy: TaskPlugin = {
  id: 'generate',
  needs: { test: false, digits: false, samplers: 1 },
  build: (config, data) => new ToyFit(config, data),
  describe: () => 'toy fit',
  probe: () => ({ label: 'the toy', model: 'mlp', key: 'toy' }),
  commands: {
    // Its own command, routed to it by the loop.
    async setSampleClass(cmd, ctx) {
      ctx.post({ type: 'progress', message: `toy asked for class ${cmd.classIndex} at step ${ctx.task?.stepCount}` });
    },
  },
};

type H = ReturnType<typeof harness>;
const stepOf = (h: H) => h.of('status').at(-1)?.step ?? -1;
const config: RunConfig = { ...defaultConfig('mlp'), batchSize: 8, seed: 11, gLearningRate: 0.05 };

async function ready(): Promise<H> {
  const h = harness({ tasks: new TaskRegistry([toy]) });
  h.send({ type: 'init', config, autoModel: false });
  await h.until(() => h.of('ready').length > 0 && h.of('samples').length > 0);
  return h;
}

async function steps(h: H, n: number): Promise<void> {
  const target = stepOf(h) + n;
  h.send({ type: 'step', n });
  await h.until(() => stepOf(h) === target);
}

describe('a task is a plug-in', () => {
  it('a toy task trains, pauses, steps, saves and resumes bit for bit in the loop', { timeout: 120_000 }, async () => {
    await tf.setBackend('cpu');
    const a = await ready();
    expect(a.of('ready')[0].summary.generator.params).toBe(2);

    a.send({ type: 'start' });
    await a.until(() => (a.of('metrics').at(-1)?.points.at(-1)?.step ?? 0) >= 30);
    a.send({ type: 'pause' });
    await a.until(() => a.of('status').at(-1)?.status === 'paused');
    const paused = stepOf(a);
    await steps(a, 5);
    expect(stepOf(a)).toBe(paused + 5);
    const losses = a.of('metrics').flatMap((m) => m.points.map((p) => p.gLoss));
    expect(losses.at(-1)).toBeLessThan(losses[0]);

    a.send({ type: 'setSampleClass', classIndex: 3 });
    await a.until(() => a.of('progress').some((e) => e.message.startsWith('toy asked')));
    expect(a.of('progress').at(-1)?.message).toBe(`toy asked for class 3 at step ${paused + 5}`);

    a.send({ type: 'exportRun' });
    await a.until(() => a.of('runExported').length > 0);
    const b = await ready();
    b.send({ type: 'loadRun', bytes: a.of('runExported')[0].bytes, resume: true });
    await b.until(() => b.of('ready').length === 2);
    expect(b.of('error')).toEqual([]);
    expect(b.of('ready')[1].loaded?.step).toBe(paused + 5);
    expect(stateChanges(await a.state(), await b.state())).toEqual([]);
    await steps(a, 4);
    await steps(b, 4);
    expect(stateChanges(await a.state(), await b.state())).toEqual([]);
    expect(a.of('error')).toEqual([]);
    for (const h of [a, b]) h.send({ type: 'dispose' });
  });
});

const SRC = resolve(import.meta.dirname, '../../src');
const TASK_IDS = ['generate', 'superres', 'sketch', 'transfer'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each place outside a task's own folder that names a task: a task id as a string, or an import from a task's folder. */
function taskNamesOutsideTasks(files: { path: string; text: string }[]): string[] {
  const literal = new RegExp(`['"\`](${TASK_IDS.join('|')})['"\`]`);
  const fromTask = new RegExp(`from '[^']*tasks/(${TASK_IDS.join('|')})[/']`);
  const found: string[] = [];
  for (const { path, text } of files) {
    text.split('\n').forEach((line, i) => {
      if (literal.test(line) || fromTask.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('outside the tasks, no engine code names a task', () => {
  // The tasks' own folders and the one registry line each may; the 2D lab has its own loop until it joins as tasks/lab2d.
  const ALLOWED = [/^engine\/tasks\/[^/]+\//, /^engine\/tasks\/registry\.ts$/, /^engine\/lab2d\//];
  const files = ['engine', 'worker']
    .flatMap((dir) => filesUnder(join(SRC, dir)))
    .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
    .filter(({ path }) => !ALLOWED.some((a) => a.test(path)));

  it('the engine and the worker outside src/engine/tasks name no task', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(taskNamesOutsideTasks(files)).toEqual([]);
  });

  it('the check sees a task named in the loop', () => {
    const planted = { path: 'engine/loop/loop.ts', text: "if (task.config.task === 'sketch') return;" };
    expect(taskNamesOutsideTasks([planted])).toEqual(["engine/loop/loop.ts:1: if (task.config.task === 'sketch') return;"]);
  });
});

/**
 * The page's and shared code's task names: any of an application's ids, or digits' id on a line about a task
 * ('generate' is also the name of a step's second phase, which the phase views spell out).
 */
function taskNamesInPageOrShared(files: { path: string; text: string }[]): string[] {
  const apps = TASK_IDS.filter((id) => id !== 'generate');
  const literal = new RegExp(`['"\`](${apps.join('|')})['"\`]`);
  const digits = /['"`]generate['"`]/;
  const fromTask = new RegExp(`from '[^']*tasks/(${TASK_IDS.join('|')})[/']`);
  const found: string[] = [];
  for (const { path, text } of files) {
    text.split('\n').forEach((line, i) => {
      if (literal.test(line) || (digits.test(line) && /task/i.test(line)) || fromTask.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('outside the tasks, no page or shared code names a task', () => {
  // Each task's spec (shared/tasks/<name>.ts) and page folder (page/components/tasks/<name>/), and the registries that list them.
  const ALLOWED = [/^shared\/tasks\//, /^page\/components\/tasks\/[^/]+\//, /^page\/components\/tasks\/registry\.ts$/];
  const files = [...filesUnder(join(SRC, 'page')), ...filesUnder(join(SRC, 'shared')), join(SRC, 'App.tsx'), join(SRC, 'main.tsx')]
    .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
    .filter(({ path }) => !ALLOWED.some((a) => a.test(path)));

  it('the page and shared code outside the task folders name no task', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(taskNamesInPageOrShared(files)).toEqual([]);
  });

  it('the check sees a task named in a component, and lets a phase called generate be', () => {
    const planted = [
      { path: 'page/components/samples/SampleGrid.tsx', text: "return task === 'generate' ? <NoiseGrid /> : null;" },
      { path: 'page/components/inside/phaseText.ts', text: "    case 'generate':" },
    ];
    expect(taskNamesInPageOrShared(planted)).toEqual(["page/components/samples/SampleGrid.tsx:1: return task === 'generate' ? <NoiseGrid /> : null;"]);
  });
});

describe('the registries agree', () => {
  // The page's registry is typed Record<TaskName, TaskPage>, so the compiler holds it to the shared one; the engine's is a list.
  it('the engine runs exactly the tasks the shared registry specifies, in its order', () => {
    expect(ENGINE_TASKS.all.map((p) => p.id)).toEqual(Object.keys(SHARED_TASKS));
  });
});
