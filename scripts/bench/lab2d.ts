// The 2D lab's step, two ways: plain typed-array JS (what the lab runs) and tfjs on WASM,
// same sizes (ring, G 2-32-32-2, D 2-32-32-1, ReLU, batch 256, Adam, BCE). Prints steps/s of each.
// Usage: npx tsx scripts/bench/lab2d.ts [seconds per side, default 5]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { samplerOf } from '../../src/engine/lab2d/data';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import { availableParallelism, loadavg } from 'node:os';

const SECONDS = Number(process.argv[2] ?? 5);
const BATCH = 256;
const config = lab2dDefaults();

function rate(step: () => void): number {
  for (let i = 0; i < 50; i++) step();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    step();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

function tfjsGan() {
  const dense = (i: number, o: number) => [tf.variable(tf.randomUniform([i, o], -Math.sqrt(6 / i), Math.sqrt(6 / i), 'float32', 1)), tf.variable(tf.zeros([o]))];
  const g = [dense(2, 32), dense(32, 32), dense(32, 2)];
  const d = [dense(2, 32), dense(32, 32), dense(32, 1)];
  const run = (net: tf.Variable[][], x: tf.Tensor): tf.Tensor2D =>
    net.reduce((h, [w, b], l) => (l < net.length - 1 ? tf.relu(tf.add(tf.matMul(h, w as tf.Tensor2D), b)) : tf.add(tf.matMul(h, w as tf.Tensor2D), b)) as tf.Tensor2D, x as tf.Tensor2D);
  const gOpt = tf.train.adam(1e-3, 0.5);
  const dOpt = tf.train.adam(1e-3, 0.5);
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

async function main(): Promise<void> {
  const gan = new Gan2d(config);
  await tf.setBackend('wasm');
  await tf.ready();
  const step = tfjsGan();
  // Interleaved rounds, medians: the machine is shared and its load moves.
  const [plains, wasms]: number[][] = [[], []];
  for (let round = 0; round < 3; round++) {
    plains.push(rate(() => gan.trainStep()));
    wasms.push(rate(step));
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[1];
  const [plain, wasm] = [median(plains), median(wasms)];
  console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  console.log(`plain JS:     ${plain.toFixed(0)} steps/s`);
  console.log(`tfjs on WASM: ${wasm.toFixed(0)} steps/s (tensors alive after: ${tf.memory().numTensors})`);
}
void main();
