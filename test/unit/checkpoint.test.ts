import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyRun, captureRun, checkFits } from '../../src/engine/runfile/checkpoint';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig } from '../../src/shared/hyperparams';
import { decodeRun, encodeRun, RunFileError, type RunArchive } from '../../src/engine/runfile/runArchive';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from './mnistData';

const data = mnistTrain();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const trainer = (model: ModelKind) => new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed: 3 }, data);
const capture = (t: GanTrainer) =>
  captureRun(t, { runId: 'r1', backend: 'cpu', changes: [{ step: 2, params: t.hyperparams }], metrics: new Float64Array([1, 0.1, 0.7, 0.8, 0.5, 0.4]) });

async function savedAt(model: ModelKind, steps: number): Promise<{ original: GanTrainer; bytes: Uint8Array }> {
  const original = trainer(model);
  await original.steps(steps);
  original.setHyperparams({ gLearningRate: 3e-4 });
  await original.steps(1);
  return { original, bytes: encodeRun(await capture(original)) };
}

function resumed(bytes: Uint8Array): GanTrainer {
  const run = decodeRun(bytes);
  checkFits(run, run.meta.config, { dataset: 'mnist', count: data.count });
  const t = new GanTrainer(run.meta.config, data);
  applyRun(t, run);
  return t;
}

// dcgan-seed has BatchNorm statistics and dropout masks drawn from the run's noise stream: the hardest case.
describe.each(['mlp', 'dcgan-seed'] as const)('a checkpoint of %s', (model) => {
  it('restores every weight and optimizer moment bitwise, and the next steps match an uninterrupted run exactly', async () => {
    const { original, bytes } = await savedAt(model, 1);
    const copy = resumed(bytes);
    const [a, b] = [await capture(original), await capture(copy)];
    expect([...b.tensors.keys()]).toEqual([...a.tensors.keys()]);
    for (const [name, values] of a.tensors) expect(b.tensors.get(name), name).toEqual(values);
    expect(b.meta.optimizers).toEqual(a.meta.optimizers);
    expect(b.meta.rng).toEqual(a.meta.rng);
    expect(copy.hyperparams.gLearningRate).toBe(3e-4);
    expect(copy.stepCount).toBe(2);
    expect(await copy.steps(1)).toEqual(await original.steps(1));
    original.dispose();
    copy.dispose();
    // dcgan-seed's steps on Node's cpu backend take 60-160 s on a 2-core machine, more when it is shared.
  }, 300_000);
});

describe('reading a run file', () => {
  let good: Uint8Array;
  let run: RunArchive;
  beforeAll(async () => {
    const { original, bytes } = await savedAt('mlp', 1);
    original.dispose();
    good = bytes;
    run = decodeRun(good);
  });

  /** The good file with ganvas.json edited, as a hand-edited download would be. */
  const withMeta = (edit: (meta: Record<string, unknown>) => void): Uint8Array => {
    const files = unzipSync(good);
    const meta = JSON.parse(strFromU8(files['ganvas.json'])) as Record<string, unknown>;
    edit(meta);
    return zipSync({ ...files, 'ganvas.json': strToU8(JSON.stringify(meta)) });
  };
  const rejects = (bytes: Uint8Array, message: RegExp) => {
    let error: unknown;
    try {
      const r = decodeRun(bytes);
      checkFits(r, r.meta.config, { dataset: 'mnist', count: data.count });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunFileError);
    expect((error as Error).message).toMatch(message);
  };

  it('keeps the metrics history and the hyperparameter changes', () => {
    expect([...run.metrics]).toEqual([1, 0.1, 0.7, 0.8, 0.5, 0.4]);
    expect(run.meta.changes).toHaveLength(1);
  });

  it('keeps the quality history, and refuses a malformed one', () => {
    const point = { step: 1, count: 1000, fd: 80.5, floor: 3.6, score: 1.4, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 1000, 0], modes: 1, kl: 2.3, ms: 900 };
    expect(decodeRun(encodeRun({ ...run, meta: { ...run.meta, quality: [point] } })).meta.quality).toEqual([point]);
    rejects(
      withMeta((m) => (m.quality = [{ ...point, histogram: 'lots' }])),
      /quality history is malformed/,
    );
  });

  it('names what is wrong with a file that is not a run', () => {
    rejects(new Uint8Array(1000).fill(7), /not a zip/);
    rejects(good.subarray(0, good.length - 100), /not a zip|damaged/);
    rejects(zipSync({ 'notes.txt': strToU8('hello') }), /ganvas\.json is missing/);
    rejects(zipSync({ 'ganvas.json': strToU8('{nope') }), /not valid JSON/);
    const meta = {
      app: 'ganvas',
      version: 1,
      model: 'mlp',
      latentSize: 100,
      step: 1,
      dataset: 'mnist',
      seed: 1,
      batchSize: 64,
      hyperparams: run.meta.live,
      backend: 'cpu',
      exportedAt: '',
    } as const;
    rejects(buildGeneratorZip('{}', new ArrayBuffer(8), meta), /generator download/);
  });

  it('refuses another format version, a bad config and a broken index', () => {
    rejects(
      withMeta((m) => (m.version = 2)),
      /different version of ganvas \(run format 2/,
    );
    rejects(
      withMeta((m) => ((m.config as { batchSize: number }).batchSize = 0)),
      /batchSize/,
    );
    rejects(
      withMeta((m) => ((m.config as { model: string }).model = 'stylegan')),
      /model must be one of/,
    );
    rejects(
      withMeta((m) => ((m.live as { gLearningRate: number }).gLearningRate = 50)),
      /gLearningRate/,
    );
    rejects(
      withMeta((m) => ((m.sampler as { count: number }).count = 59_999)),
      /order\.bin has/,
    );
    rejects(
      withMeta((m) => (m.metricPoints = 5)),
      /metrics\.bin has/,
    );
  });

  it('refuses weights of the wrong shape, a different model, and another data set', () => {
    const tensors = new Map(run.tensors);
    tensors.set('g/0', new Float32Array(100 * 64));
    const meta = { ...run.meta, tensors: run.meta.tensors.map((e) => (e.name === 'g/0' ? { ...e, shape: [100, 64] } : e)) };
    rejects(encodeRun({ ...run, meta, tensors }), /wrong shape: g\/0 is \[100, 64\], a mlp model needs \[100, 128\]/);
    rejects(
      withMeta((m) => ((m.config as { model: string }).model = 'dcgan')),
      /wrong shape|does not belong/,
    );
    expect(() => checkFits(run, run.meta.config, { dataset: 'mnist', count: 1234 })).toThrow(/data set of 60000 images; this one has 1234/);
    expect(() => checkFits(run, run.meta.config, { dataset: 'fashion', count: data.count })).toThrow(/trained on mnist; the data loaded is fashion/);
  });

  it('refuses a zip that claims to unpack to more than the limit, before inflating it', () => {
    const bomb = good.slice();
    // Patch the central directory's uncompressed size of tensors.bin to 3 GB.
    const view = new DataView(bomb.buffer);
    const name = strToU8('tensors.bin');
    for (let i = 0; i < bomb.length - 46; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = view.getUint16(i + 28, true);
      if (nameLen === name.length && bomb.subarray(i + 46, i + 46 + nameLen).every((c, j) => c === name[j])) view.setUint32(i + 24, 3e9, true);
    }
    rejects(bomb, /tensors\.bin claims 2861 MB unpacked, over the 512 MB limit/);
  });
});
