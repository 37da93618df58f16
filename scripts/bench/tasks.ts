// --tasks: the applications of a trained GAN (super-resolution, sketch to
// digit, domain transfer, the augmentation study), their engine trained on
// tfjs's WASM backend in Node, each timed until its view looks right, and
// their training speed next to the same networks in PyTorch.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_FILES, parseIdxSet, type ImageSet } from '../../src/engine/data/mnist';
import { heldOut, PairedTrainer, type PairedConfig } from '../../src/engine/paired/pairedTrainer';
import { evaluateSuperRes, superResPairing } from '../../src/engine/tasks/superres/superRes';
import { digitsRecognized, oneOfEachDigit, sketchPairing } from '../../src/engine/tasks/sketch/sketch';
import { sketchBatch } from '../../src/engine/tasks/sketch/skeleton';
import { CycleTrainer } from '../../src/engine/tasks/transfer/cycleTrainer';
import { augmentationStudy, generatedSet } from '../../src/engine/tasks/generate/augment/study';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { defaultConfig } from '../../src/shared/hyperparams';
import { TASK_DEFAULTS } from '../../src/shared/tasks';
import { STUDY_BATCH, STUDY_SEEDS, STUDY_STEPS } from '../../src/shared/study';
import { qualityFiles } from '../../test/unit/qualityFiles';
import { loadClassifier } from './torchSamples';
import { runTasksTorch, type TaskSpeed } from './tasksTorch';

/** The page's defaults for each task (batch size and rates), so the figures are the app's. */
const batchOf = (task: 'superres' | 'sketch' | 'transfer'): number => TASK_DEFAULTS[task].batchSize ?? 64;
const PAIRED: PairedConfig = {
  seed: 1,
  batchSize: batchOf('superres'),
  gLearningRate: 0.001,
  dLearningRate: 0.0002,
  beta1: 0.5,
  l1Weight: 20,
  l1Baseline: true,
};
/** Seconds of training between two looks at a task's view (the looks are not counted). */
const LOOK_EVERY = 10;

export interface TasksOptions {
  seconds: number;
  warmup: number;
  /** Longest a task trains waiting for its view to look right, seconds. */
  budget: number;
  /** Seconds the conditional MLP trains before the augmentation study. */
  ganSeconds: number;
}

function dataSet(dataset: 'mnist' | 'fashion', split: 'train' | 'test'): ImageSet {
  const dir = join('public', 'data', dataset);
  const [images, labels] = split === 'train' ? [MNIST_FILES.trainImages, MNIST_FILES.trainLabels] : [MNIST_FILES.testImages, MNIST_FILES.testLabels];
  return parseIdxSet(new Uint8Array(readFileSync(join(dir, images))), images, new Uint8Array(readFileSync(join(dir, labels))), labels);
}

interface Trains {
  steps(k: number): Promise<unknown[]>;
}

/** Steps/s over `seconds` after `warmup` seconds of training. */
async function speed(t: Trains, o: TasksOptions): Promise<number> {
  for (const end = performance.now() + o.warmup * 1000; performance.now() < end;) await t.steps(5);
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < o.seconds * 1000) steps += (await t.steps(5)).length;
  return (steps * 1000) / (performance.now() - start);
}

/** What a look at a task's view found: whether it looks right yet, and the figures. */
interface Look {
  done: boolean;
  text: string;
}

/** Trains in slices of LOOK_EVERY seconds until a look says done or the budget runs out; seconds of training then (null: never), and the last look. */
async function timeUntil(
  t: Trains & { stepCount: number },
  budget: number,
  look: () => Promise<Look>,
  log: (m: string) => void,
): Promise<{ seconds: number | null; steps: number; last: string }> {
  let trained = 0;
  let last = '';
  while (trained < budget) {
    const start = performance.now();
    while (performance.now() - start < LOOK_EVERY * 1000) await t.steps(5);
    trained += (performance.now() - start) / 1000;
    const { done, text } = await look();
    last = text;
    log(`  ${trained.toFixed(0)} s, step ${t.stepCount}: ${text}${done ? '' : ' (not yet)'}`);
    if (done) return { seconds: trained, steps: t.stepCount, last };
  }
  return { seconds: null, steps: t.stepCount, last };
}

export interface TaskRow {
  task: string;
  stepsPerSec: number;
  imgPerSec: number;
  /** What "looks right" means for the task, and when it did. */
  goal: string;
  reached: { seconds: number | null; steps: number; last: string };
}

async function superResRow(train: ImageSet, test: ImageSet, o: TasksOptions, log: (m: string) => void): Promise<TaskRow> {
  const held = heldOut(test, 1000);
  const fast = new PairedTrainer({ ...PAIRED }, superResPairing(4), train);
  const stepsPerSec = await speed(fast, o);
  fast.dispose();
  const t = new PairedTrainer({ ...PAIRED }, superResPairing(4), train);
  try {
    const reached = await timeUntil(
      t,
      o.budget,
      async () => {
        const s = await evaluateSuperRes(t, 4, held);
        const text = `PSNR GAN ${s.psnr.gan.toFixed(2)} dB, L1 only ${s.psnr.l1?.toFixed(2)}, bicubic ${s.psnr.bicubic.toFixed(2)}; SSIM ${s.ssim.gan.toFixed(3)} / ${s.ssim.l1?.toFixed(3)} / ${s.ssim.bicubic.toFixed(3)}`;
        return { done: s.psnr.gan > s.psnr.bicubic, text };
      },
      log,
    );
    return {
      task: `super-resolution x4 (+ L1-only twin), batch ${PAIRED.batchSize}`,
      stepsPerSec,
      imgPerSec: stepsPerSec * PAIRED.batchSize,
      goal: "PSNR beats bicubic's on 1,000 test images",
      reached,
    };
  } finally {
    t.dispose();
    held.dispose();
  }
}

async function sketchRow(train: ImageSet, test: ImageSet, o: TasksOptions, log: (m: string) => void): Promise<TaskRow> {
  const config = { ...PAIRED, batchSize: batchOf('sketch'), l1Baseline: false };
  const fast = new PairedTrainer({ ...config }, sketchPairing, train);
  const stepsPerSec = await speed(fast, o);
  fast.dispose();
  const classifier = await loadClassifier(qualityFiles('mnist'));
  const sketches = sketchBatch(oneOfEachDigit(test), 10, 28);
  const t = new PairedTrainer({ ...config }, sketchPairing, train);
  try {
    const reached = await timeUntil(
      t,
      o.budget,
      async () => {
        const ok = await digitsRecognized((s) => t.translate(s), sketches, classifier);
        return { done: ok.filter(Boolean).length >= 7, text: `${ok.filter(Boolean).length}/10 recognised (${ok.map((v, d) => (v ? d : '-')).join('')})` };
      },
      log,
    );
    return {
      task: `sketch to digit, batch ${config.batchSize}`,
      stepsPerSec,
      imgPerSec: stepsPerSec * config.batchSize,
      goal: 'the classifier recognises >= 7 of 10 test sketches',
      reached,
    };
  } finally {
    t.dispose();
    classifier.dispose();
  }
}

async function transferRow(o: TasksOptions, log: (m: string) => void): Promise<TaskRow> {
  const [a, b] = [dataSet('mnist', 'train'), dataSet('fashion', 'train')];
  const config = { seed: 1, batchSize: batchOf('transfer'), gLearningRate: 0.0005, dLearningRate: 0.0005, beta1: 0.5, cycleWeight: 10 };
  const fast = new CycleTrainer({ ...config }, a, b);
  const stepsPerSec = await speed(fast, o);
  fast.dispose();
  const [heldA, heldB] = [heldOut(dataSet('mnist', 'test'), 200), heldOut(dataSet('fashion', 'test'), 200)];
  const t = new CycleTrainer({ ...config }, a, b);
  try {
    const start = await t.heldOutCycle(heldA, heldB);
    const reached = await timeUntil(
      t,
      o.budget,
      async () => {
        const now = await t.heldOutCycle(heldA, heldB);
        return { done: now < start / 2, text: `held-out cycle loss ${start.toFixed(3)} -> ${now.toFixed(3)}` };
      },
      log,
    );
    return {
      task: `domain transfer digits <-> clothes, batch ${config.batchSize}`,
      stepsPerSec,
      imgPerSec: stepsPerSec * config.batchSize * 2,
      goal: 'held-out cycle loss halves',
      reached,
    };
  } finally {
    t.dispose();
    tf.dispose([heldA, heldB]);
  }
}

/** Trains a conditional MLP for `ganSeconds`, then runs the study with its samples: the table a user would see. */
async function augmentRows(train: ImageSet, test: ImageSet, o: TasksOptions, log: (m: string) => void): Promise<string> {
  const gan = new GanTrainer({ ...defaultConfig('mlp'), conditional: true, seed: 1 }, train);
  try {
    for (const end = performance.now() + o.ganSeconds * 1000; performance.now() < end;) await gan.steps(10);
    log(`augmentation: conditional MLP trained ${gan.stepCount} steps`);
    const lines = [
      '| real images | generated added | real only (mean ± sd, 3 seeds) | with generated | change | study time |',
      '|---:|---:|---:|---:|---:|---:|',
    ];
    for (const real of [100, 1000]) {
      const started = performance.now();
      const r = await augmentationStudy(
        train,
        test,
        { real, added: 1000, seeds: STUDY_SEEDS, steps: STUDY_STEPS, batch: STUDY_BATCH },
        (n) => generatedSet(gan, n, real),
        (done, total) => log(`  study N=${real}: ${done}/${total}`),
      );
      const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
      const secs = ((performance.now() - started) / 1000).toFixed(0);
      lines.push(
        `| ${real} | 1000 | ${pct(r.mean.realOnly)} ± ${pct(r.spread.realOnly)} | ${pct(r.mean.augmented)} ± ${pct(r.spread.augmented)} | ${((r.mean.augmented - r.mean.realOnly) * 100).toFixed(1)} points | ${secs} s |`,
      );
    }
    return `Augmentation study, as the page runs it (conditional MLP after ${gan.stepCount} steps, ${o.ganSeconds} s; classifier: ${STUDY_STEPS} Adam steps of batch ${STUDY_BATCH}; accuracy on all 10,000 test images):\n\n${lines.join('\n')}`;
  } finally {
    gan.dispose();
  }
}

function table(rows: TaskRow[], torch: TaskSpeed[]): string {
  const lines = [
    '| task | ganvas steps/s | PyTorch steps/s | ratio | looks right when | reached after | at step | then |',
    '|---|---:|---:|---:|---|---:|---:|---|',
  ];
  rows.forEach((r, i) => {
    const t = torch[i];
    const secs = r.reached.seconds === null ? `not within the budget` : `${r.reached.seconds.toFixed(0)} s`;
    lines.push(
      `| ${r.task} | ${r.stepsPerSec.toFixed(1)} | ${t ? t.stepsPerSec.toFixed(1) : '-'} | ${t ? `${(r.stepsPerSec / t.stepsPerSec).toFixed(2)}x` : '-'} | ${r.goal} | ${secs} | ${r.reached.steps} | ${r.reached.last} |`,
    );
  });
  return lines.join('\n');
}

export async function runTasks(o: TasksOptions, log: (m: string) => void): Promise<string> {
  await tf.setBackend('wasm');
  const [train, test] = [dataSet('mnist', 'train'), dataSet('mnist', 'test')];
  const rows: TaskRow[] = [];
  log('super-resolution: speed, then time until it beats bicubic');
  rows.push(await superResRow(train, test, o, log));
  log('sketch to digit: speed, then time until 7 of 10 sketches are recognised');
  rows.push(await sketchRow(train, test, o, log));
  log('domain transfer: speed, then time until the held-out cycle loss halves');
  rows.push(await transferRow(o, log));
  log('PyTorch: the same networks and steps');
  const torch: TaskSpeed[] = [];
  for (const task of ['superres', 'sketch', 'transfer'] as const)
    torch.push(...(await runTasksTorch([task], { batch: batchOf(task), seconds: o.seconds, warmup: o.warmup }, log)));
  const study = await augmentRows(train, test, o, log);
  return `${table(rows, torch)}\n\n${study}`;
}
