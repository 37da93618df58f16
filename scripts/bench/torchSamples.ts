// The PyTorch side of --time-to-quality: the app's own exported recipe
// (train.py) trained from the same settings, sampled after given seconds of
// training on the noise the app's quality monitor uses, and those samples
// scored in Node by the app's reference classifier.
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qualityNoise, QUALITY_SAMPLES, type QualityFiles } from '../../src/engine/quality/monitor';
import { parseStats, QualityClassifier, type QualityReport } from '../../src/engine/quality/quality';
import { MNIST_FILES } from '../../src/engine/data/mnist';
import { defaultConfig } from '../../src/shared/hyperparams';
import type { ModelKind } from '../../src/shared/protocol';
import { pytorchRecipe, RECIPE_FILE_NAME } from '../../src/shared/recipe/recipe';
import { LATENT_SIZE } from '../../src/shared/settings';
import { MNIST_DIR } from '../../test/unit/mnistData';
import { npy, readNpy } from '../npy';
import type { TimedScore } from './timeToQualityTable';

const PYTHON = '/usr/bin/python3';
/** "sample at 30 s: step 1234, 30.01 s of training" (train.py's SampleClock). */
const SAMPLE_LINE = /^sample at ([\d.]+) s: step (\d+), ([\d.]+) s of training$/;

export interface TorchSampleOptions {
  model: ModelKind;
  seed: number;
  batch: number;
  /** Seconds of training after which to sample. */
  times: number[];
  /** torch's intra-op threads (OMP_NUM_THREADS). */
  threads: number;
}

export interface TorchSample {
  /** The time asked for, seconds. */
  at: number;
  step: number;
  /** Seconds of training when it sampled (at or just past `at`). */
  trained: number;
  file: string;
}

/** Runs train.py to the last time; the samples live in `dir` until `cleanup`. */
export async function torchSamples(o: TorchSampleOptions, log: (m: string) => void): Promise<{ samples: TorchSample[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-ttq-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const config = { ...defaultConfig(o.model), seed: o.seed, batchSize: o.batch };
    writeFileSync(join(dir, RECIPE_FILE_NAME), pytorchRecipe({ config, live: config, step: 0 }));
    writeFileSync(join(dir, 'z.npy'), npy(qualityNoise(o.seed, QUALITY_SAMPLES), [QUALITY_SAMPLES, LATENT_SIZE]));
    const args = [RECIPE_FILE_NAME, '--data', join(MNIST_DIR, MNIST_FILES.trainImages), '--steps', '1000000000', '--log-every', '1000000000'];
    args.push('--sample-z', 'z.npy', '--sample-out', 'x.npy', '--sample-at', o.times.join(','), '--device', 'cpu', '--out', 'out');
    const stdout = await python(args, dir, { ...process.env, OMP_NUM_THREADS: String(o.threads) }, log);
    const samples = stdout
      .split('\n')
      .map((l) => SAMPLE_LINE.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ at: Number(m[1]), step: Number(m[2]), trained: Number(m[3]), file: join(dir, `x-${m[1]}s.npy`) }));
    if (samples.length !== o.times.length) throw new Error(`train.py sampled ${samples.length} of ${o.times.length} times:\n${stdout.slice(-2000)}`);
    return { samples, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

function python(args: string[], cwd: string, env: NodeJS.ProcessEnv, log: (m: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      for (const line of s.split('\n')) if (line.startsWith('sample at')) log(`torch: ${line.trim()}`);
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`train.py exited with ${code}:\n${stderr.slice(-2000)}`))));
  });
}

/** The app's classifier in Node, to score samples written by PyTorch exactly as the worker scores its own. */
export async function loadClassifier(files: QualityFiles): Promise<QualityClassifier> {
  return QualityClassifier.load(files.modelJson, files.weights, parseStats(JSON.parse(files.stats), 'stats.json'), 'model.json');
}

/** Scores a [n, 1, 28, 28] float32 .npy of images in [-1, 1] (NCHW with one channel is NHWC's order). */
export async function scoreFile(classifier: QualityClassifier, file: string): Promise<QualityReport> {
  const { shape, data } = readNpy(file);
  if (shape.length !== 4 || shape[1] !== 1 || shape[2] !== 28 || shape[3] !== 28) throw new Error(`${file}: shape [${shape}], expected [n, 1, 28, 28]`);
  const size = 28 * 28;
  return classifier.evaluate(shape[0], (start, count) => tf.tensor4d(data.subarray(start * size, (start + count) * size), [count, 28, 28, 1]));
}

/** train.py sampled at `o.times` and each sample set scored, in time order. */
export async function torchScores(o: TorchSampleOptions, classifier: QualityClassifier, log: (m: string) => void): Promise<TimedScore[]> {
  const { samples, cleanup } = await torchSamples(o, log);
  try {
    const out: TimedScore[] = [];
    for (const s of samples) {
      const r = await scoreFile(classifier, s.file);
      out.push({ t: s.trained, step: s.step, fd: r.fd, score: r.score, modes: r.modes });
    }
    return out;
  } finally {
    cleanup();
  }
}
