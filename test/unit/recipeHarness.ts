// What the recipe tests share: running python3 on a generated train.py in a scratch folder.
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureTorch } from '../../scripts/bench/torch';
export { npy, readNpy } from '../../scripts/npy';
import { MNIST_FILES } from '../../src/engine/data/mnist';
import { saveModel } from '../../src/engine/export/export';
import { buildGeneratorZip } from '../../src/shared/formats/generatorZip';
import { defaultConfig, liveOf } from '../../src/shared/hyperparams';
import { LATENT_SIZE } from '../../src/shared/settings';
import { pytorchRecipe, RECIPE_FILE_NAME } from '../../src/shared/recipe/recipe';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import type { ExportMeta, ModelKind } from '../../src/shared/protocol';
import { MNIST_DIR, mnistTrain } from './mnistData';

export const PYTHON = '/usr/bin/python3';
export const DATA = join(MNIST_DIR, MNIST_FILES.trainImages);
export const MODELS: ModelKind[] = ['mlp', 'dcgan', 'dcgan-lite', 'dcgan-seed'];
/** One log line; torchrun's --tee prefixes each line with the rank (e.g. "[default0]:"). */
export const STEP_LINE = /^(?:\[\w+\]:)?step (\d+)\/(\d+) d_loss (\S+) g_loss (\S+) D\(x\) (\S+) D\(G\(z\)\) (\S+) img\/s (\S+)$/;

let root = '';

/** Registers the file's setup: torch present (installed as root, else a clear failure, never a skip), tfjs on cpu, a scratch folder. */
export function setUpTorch(): void {
  beforeAll(async () => {
    ensureTorch((m) => console.log(`recipe test: ${m}`));
    await tf.setBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'ganvas-recipe-'));
  }, 20 * 60_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
}

/** The file's scratch folder (after setUpTorch's setup). */
export const scratch = (): string => root;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh directory holding the model's train.py (default settings, as a UI export would give). */
export function scriptDir(model: ModelKind, name: string): string {
  const dir = join(root, `${model}-${name}`);
  mkdirSync(dir);
  const config = defaultConfig(model);
  writeFileSync(join(dir, RECIPE_FILE_NAME), pytorchRecipe({ config, live: config, step: 500 }));
  return dir;
}

export function stepLines(stdout: string): { step: number; values: number[] }[] {
  return stdout
    .split('\n')
    .map((l) => STEP_LINE.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ step: Number(m[1]), values: m.slice(3).map(Number) }));
}

export function explain(r: Run): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;
}

export function trainableParams(model: tf.Sequential): number {
  // Weight shapes are fully known; a null dimension would give NaN and fail the comparison.
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? Number.NaN), 1), 0);
}

export function exportMeta(model: ModelKind, step: number): ExportMeta {
  const hyperparams = liveOf(defaultConfig(model));
  return {
    app: 'ganvas',
    version: 1,
    model,
    latentSize: LATENT_SIZE,
    step,
    dataset: 'mnist',
    seed: 3,
    batchSize: 8,
    hyperparams,
    backend: 'cpu',
    exportedAt: new Date().toISOString(),
  };
}

/** A generator download from a GanTrainer after `steps` steps (BatchNorm's moving statistics moved). */
export async function trainedZip(model: ModelKind, steps: number) {
  const t = new GanTrainer({ ...defaultConfig(model), batchSize: 8, seed: 3 }, mnistTrain());
  if (steps) await t.steps(steps);
  const saved = await saveModel(t.gan.generator);
  return { t, saved, zip: buildGeneratorZip(saved.modelJson, saved.weights, exportMeta(model, t.stepCount)) };
}
