// The sketch a digit is drawn from: Zhang-Suen thinning on known shapes and
// on real digits, and the paired GAN that learns to draw a digit from it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sketchBatch, skeletonOf, thin } from '../../src/engine/tasks/sketch/skeleton';
import { sketchPairing } from '../../src/engine/tasks/sketch/sketch';
import { heldOut, PairedTrainer } from '../../src/engine/paired/pairedTrainer';
import { mnistTrain, servedSet } from './mnistData';

const data = mnistTrain();
const SIDE = 28;

function shape(inked: (r: number, c: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: SIDE * SIDE }, (_, i) => (inked(Math.floor(i / SIDE), i % SIDE) ? 1 : 0));
}

const count = (img: Uint8Array): number => img.reduce((a, b) => a + b, 0);

/** Background pixels reached from the border through 4-connected paper: a closed stroke keeps its inside unreached. */
function reachedFromBorder(ink: Uint8Array): Uint8Array {
  const seen = new Uint8Array(SIDE * SIDE);
  const stack: number[] = [];
  for (let i = 0; i < SIDE; i++) stack.push(i, (SIDE - 1) * SIDE + i, i * SIDE, i * SIDE + SIDE - 1);
  while (stack.length) {
    const p = stack.pop() as number;
    if (seen[p] || ink[p]) continue;
    seen[p] = 1;
    const [r, c] = [Math.floor(p / SIDE), p % SIDE];
    if (r > 0) stack.push(p - SIDE);
    if (r < SIDE - 1) stack.push(p + SIDE);
    if (c > 0) stack.push(p - 1);
    if (c < SIDE - 1) stack.push(p + 1);
  }
  return seen;
}

describe('thinning', () => {
  it('a bar 5 pixels thick becomes a line 1 pixel thick along its middle', () => {
    const bar = thin(
      shape((r, c) => r >= 12 && r <= 16 && c >= 4 && c <= 23),
      SIDE,
    );
    for (let c = 7; c <= 20; c++) {
      const column = Array.from({ length: SIDE }, (_, r) => bar[r * SIDE + c]);
      expect(column.reduce((a, b) => a + b, 0)).toBe(1);
      expect(column.indexOf(1)).toBe(14);
    }
  });

  it('leaves a one-pixel line as it is, and a skeleton is its own skeleton', () => {
    const line = shape((r, c) => r === 10 && c >= 3 && c <= 20);
    expect(thin(line.slice(), SIDE)).toEqual(line);
    const once = skeletonOf(data.pixels.subarray(0, 784), SIDE);
    expect(thin(once.slice(), SIDE)).toEqual(once);
  });

  it('a thick ring thins to a closed loop: its inside stays cut off from the outside', () => {
    const ring = shape((r, c) => {
      const d = Math.hypot(r - 13.5, c - 13.5);
      return d >= 5 && d <= 9;
    });
    const loop = thin(ring.slice(), SIDE);
    expect(count(loop)).toBeLessThan(count(ring) / 3);
    expect(reachedFromBorder(loop)[14 * SIDE + 14]).toBe(0);
  });

  it('on real digits: the skeleton lies on the ink, is much thinner, and keeps the holes of 0, 6, 8 and 9', () => {
    let holesKept = 0;
    let holes = 0;
    let [inked, kept] = [0, 0];
    for (let i = 0; i < 200; i++) {
      const pixels = data.pixels.subarray(i * 784, (i + 1) * 784);
      const ink = Uint8Array.from(pixels, (p) => (p >= 128 ? 1 : 0));
      const skeleton = skeletonOf(pixels, SIDE);
      expect(skeleton.every((v, k) => v <= ink[k])).toBe(true);
      [inked, kept] = [inked + count(ink), kept + count(skeleton)];
      const inkHole = reachedFromBorder(ink).some((v, k) => !v && !ink[k]);
      if (inkHole) {
        holes++;
        if (reachedFromBorder(skeleton).some((v, k) => !v && !skeleton[k])) holesKept++;
      }
    }
    // A stroke 2 pixels wide keeps most of its pixels; over many digits, most of the ink goes.
    console.log(`skeletons: ${kept} of ${inked} ink pixels (${((100 * kept) / inked).toFixed(0)}%); ${holesKept} of ${holes} holes kept`);
    expect(kept).toBeLessThan(inked * 0.5);
    expect(holes).toBeGreaterThan(20);
    expect(holesKept).toBe(holes);
  });

  it("sketchBatch draws each image's skeleton as 1 on -1", () => {
    const values = Float32Array.from(data.pixels.subarray(0, 3 * 784), (p) => p / 127.5 - 1);
    const out = sketchBatch(values, 3, SIDE);
    for (let b = 0; b < 3; b++) {
      const want = skeletonOf(data.pixels.subarray(b * 784, (b + 1) * 784), SIDE);
      expect(Array.from(out.subarray(b * 784, (b + 1) * 784))).toEqual(Array.from(want, (v) => (v ? 1 : -1)));
    }
  });
});

describe('sketch to digit as a paired GAN', () => {
  let trainer: PairedTrainer;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    trainer = new PairedTrainer(
      { seed: 5, batchSize: 16, gLearningRate: 0.001, dLearningRate: 0.0002, beta1: 0.5, l1Weight: 20, l1Baseline: false },
      sketchPairing,
      data,
    );
  });
  afterAll(() => trainer.dispose());

  it('trains with flat tensors, and draws strokes: its held-out L1 falls well below an all-black answer', async () => {
    const first = await trainer.steps(5);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await trainer.steps(10);
    expect(tf.memory().numTensors).toBe(before);
    const last = await trainer.steps(10);
    const mean = (ps: { l1: number }[]): number => ps.reduce((a, p) => a + p.l1, 0) / ps.length;
    console.log(`sketch: L1 ${mean(first).toFixed(3)} -> ${mean(last).toFixed(3)} after ${trainer.stepCount} steps`);
    expect(mean(last)).toBeLessThan(mean(first) * 0.7);
    expect(last.every((p) => Number.isNaN(p.baselineL1))).toBe(true);
    // Black everywhere already scores ~0.25 (digits are mostly paper): learning the strokes must beat that clearly.
    const held = heldOut(servedSet('mnist', 'test'), 200);
    const sketches = tf.tensor4d(sketchBatch(held.dataSync() as Float32Array, 200, SIDE), [200, SIDE, SIDE, 1]);
    const [made, black] = tf.tidy(() =>
      [tf.mean(tf.abs(tf.sub(tf.clipByValue(trainer.translate(sketches), -1, 1), held))), tf.mean(tf.abs(tf.add(held, 1)))].map((t) => t.dataSync()[0]),
    );
    tf.dispose([held, sketches]);
    console.log(`sketch: held-out L1 ${made.toFixed(3)}, all-black ${black.toFixed(3)}`);
    expect(made).toBeLessThan(black * 0.75);
  }, 300_000);
});
