// `npm run bench -- --lab2d`: the 2D lab's default step (ring, G 2-32-32-2 and D 2-32-32-1 with
// ReLU, batch 256, Adam, BCE, one D and one G update) in Node on the lab's two kernels and on
// tfjs's WASM backend, next to PyTorch on one thread; then the built page training the same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { samplerOf } from '../../src/engine/lab2d/data';
import { chooseProductKernel } from '../../src/engine/lab2d/simdProduct';
import { heatPixels, heatValues, viewGrid } from '../../src/engine/lab2d/views';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import { launch } from '../browser';

const BATCH = 256;
const TORCH_SCRIPT = fileURLToPath(new URL('./lab2d_torch.py', import.meta.url));

function rate(step: () => void, seconds: number): number {
  for (let i = 0; i < 50; i++) step();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < seconds * 1000) {
    step();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

/** The same step in tfjs (optimizer.minimize, one tidy a step), as a tfjs demo would write it. */
function tfjsStep(): () => void {
  const dense = (i: number, o: number) => [
    tf.variable(tf.randomUniform([i, o], -Math.sqrt(6 / i), Math.sqrt(6 / i), 'float32', 1)),
    tf.variable(tf.zeros([o])),
  ];
  const g = [dense(2, 32), dense(32, 32), dense(32, 2)];
  const d = [dense(2, 32), dense(32, 32), dense(32, 1)];
  const run = (net: tf.Variable[][], x: tf.Tensor): tf.Tensor2D =>
    net.reduce(
      (h, [w, b], l) => (l < net.length - 1 ? tf.relu(tf.add(tf.matMul(h, w as tf.Tensor2D), b)) : tf.add(tf.matMul(h, w as tf.Tensor2D), b)) as tf.Tensor2D,
      x as tf.Tensor2D,
    );
  const [gOpt, dOpt] = [tf.train.adam(1e-3, 0.5), tf.train.adam(1e-3, 0.5)];
  const rng = new Rng(1);
  const sample = samplerOf('ring');
  const real = new Float64Array(2 * BATCH);
  return () => {
    sample(rng, real, BATCH);
    tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(real), [BATCH, 2]);
      const z = tf.randomNormal([BATCH, 2], 0, 1, 'float32', rng.int(1e9) + 1);
      dOpt.minimize(() => tf.add(tf.mean(tf.softplus(tf.neg(run(d, x)))), tf.mean(tf.softplus(run(d, run(g, z))))) as tf.Scalar, false, d.flat());
      const z2 = tf.randomNormal([BATCH, 2], 0, 1, 'float32', rng.int(1e9) + 1);
      gOpt.minimize(() => tf.mean(tf.softplus(tf.neg(run(d, run(g, z2))))) as tf.Scalar, false, g.flat());
    });
  };
}

export interface Lab2dNodeResult {
  simd: number;
  js: number;
  tfjs: number;
  torch: number;
  torchVersion: string;
  /** One heatmap (64x64 evaluations of D, coloured), ms. */
  heatMs: number;
  tensorsAfter: number;
}

/** Steps/s of each way, interleaved over three rounds (medians: the machine is shared and its load moves). */
export async function runLab2dNode(seconds: number, log: (m: string) => void): Promise<Lab2dNodeResult> {
  await tf.setBackend('wasm');
  await tf.ready();
  const gan = new Gan2d(lab2dDefaults());
  const step = tfjsStep();
  const runs: Record<'simd' | 'js' | 'tfjs' | 'torch', number[]> = { simd: [], js: [], tfjs: [], torch: [] };
  let torchVersion = '';
  for (let round = 0; round < 3; round++) {
    if (!chooseProductKernel('wasm-simd')) throw new Error('this Node has no WASM SIMD');
    runs.simd.push(rate(() => gan.trainStep(), seconds));
    chooseProductKernel('js');
    runs.js.push(rate(() => gan.trainStep(), seconds));
    chooseProductKernel('wasm-simd');
    runs.tfjs.push(rate(step, seconds));
    const torch = JSON.parse(execFileSync('/usr/bin/python3', [TORCH_SCRIPT, String(seconds), '1'], { encoding: 'utf8' })) as {
      stepsPerSec: number;
      torch: string;
    };
    runs.torch.push(torch.stepsPerSec);
    torchVersion = torch.torch;
    log(
      `lab2d round ${round + 1}: simd ${runs.simd[round].toFixed(0)}, js ${runs.js[round].toFixed(0)}, tfjs ${runs.tfjs[round].toFixed(0)}, torch ${runs.torch[round].toFixed(0)} steps/s`,
    );
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[1];
  const grid = viewGrid();
  const heatMs = 1000 / rate(() => heatPixels('bce', heatValues(gan, grid)), 1);
  return {
    simd: median(runs.simd),
    js: median(runs.js),
    tfjs: median(runs.tfjs),
    torch: median(runs.torch),
    torchVersion,
    heatMs,
    tensorsAfter: tf.memory().numTensors,
  };
}

export interface Lab2dPageResult {
  redrawsPerSec: number;
  stepsPerSec: number;
  longTasks: number[];
  speedLine: string;
}

/** The built lab in Chromium, every layer on, training the default ring for `seconds`. */
export async function runLab2dPage(url: string, seconds: number): Promise<Lab2dPageResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.goto(`${url}?mode=lab2d`);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForTimeout(2000);
    // Redraws: the canvas's data-step changes once per drawn frame.
    const r = await page.evaluate(async (ms) => {
      const c = document.querySelector('canvas[data-index="0"]') as HTMLCanvasElement;
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      let redraws = 0;
      new MutationObserver(() => redraws++).observe(c, { attributes: true, attributeFilter: ['data-step'] });
      const step0 = Number(c.dataset.step);
      const t0 = performance.now();
      await new Promise((done) => setTimeout(done, ms));
      const s = (performance.now() - t0) / 1000;
      return { redrawsPerSec: redraws / s, stepsPerSec: (Number(c.dataset.step) - step0) / s, longTasks: w.longTasks };
    }, seconds * 1000);
    const speedLine = (await page.getByTestId('lab-speed').textContent()) ?? '';
    return { ...r, speedLine };
  } finally {
    await browser.close();
  }
}

export function formatLab2d(node: Lab2dNodeResult, page: Lab2dPageResult): string {
  const row = (name: string, sps: number) => `| ${name} | ${sps.toFixed(0)} | ${(sps / node.torch).toFixed(2)}x |`;
  return [
    "The 2D lab's default step in Node (medians of 3 interleaved rounds):",
    '',
    '| engine | steps/s | vs PyTorch |',
    '| --- | ---: | ---: |',
    row("lab's kernel on WASM SIMD (the app's path)", node.simd),
    row("lab's kernel in plain JS (fallback)", node.js),
    row('tfjs on WASM (minimize, tidy)', node.tfjs),
    row(`PyTorch ${node.torchVersion}, 1 thread`, node.torch),
    '',
    `heatmap (64x64 evaluations of D, coloured): ${node.heatMs.toFixed(2)} ms; tfjs tensors alive after: ${node.tensorsAfter}`,
    '',
    `The built page, every layer on: ${page.redrawsPerSec.toFixed(1)} canvas redraws/s, ${page.stepsPerSec.toFixed(0)} steps/s (its speed line: "${page.speedLine}"), main-thread tasks over 50 ms: ${page.longTasks.map((d) => Math.round(d)).join(', ') || 'none'}`,
  ].join('\n');
}
