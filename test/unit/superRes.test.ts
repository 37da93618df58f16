// Super-resolution's parts against their definitions: the downscale, bicubic
// (checked against PyTorch's own), PSNR and SSIM by hand, what the
// conditional discriminator is shown, and that a short run beats bicubic.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureTorch } from '../../scripts/bench/torch';
import { bicubicMatrix, bicubicUp, downscale } from '../../src/engine/tasks/superres/resample';
import { psnr, PSNR_CAP_DB, ssim, ssimWindow } from '../../src/engine/tasks/superres/imageQuality';
import { heldOut, PairedTrainer, type PairedConfig } from '../../src/engine/paired/pairedTrainer';
import { evaluateSuperRes, showcaseColumns, superResPairing, superResShowcase } from '../../src/engine/tasks/superres/superRes';
import { LastGood } from '../../src/engine/train/lastGood';
import { MNIST_FILES, parseIdxSet } from '../../src/engine/data/mnist';
import { expectClose } from './expectClose';
import { mnistTrain, readMnistFile } from './mnistData';

const data = mnistTrain();
const test = parseIdxSet(readMnistFile(MNIST_FILES.testImages), MNIST_FILES.testImages, readMnistFile(MNIST_FILES.testLabels), MNIST_FILES.testLabels);

const CONFIG: PairedConfig = { seed: 3, batchSize: 16, gLearningRate: 0.001, dLearningRate: 0.0002, beta1: 0.5, l1Weight: 20, l1Baseline: true };

/** A seeded image in [-1, 1]. */
function randomImages(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed) as tf.Tensor4D);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('the low-resolution input and bicubic', () => {
  it('each low-res pixel is the mean of its block', () => {
    const high = randomImages([2, 28, 28, 1], 1);
    const px = high.dataSync();
    for (const factor of [2, 4]) {
      const side = 28 / factor;
      const got = downscale(high, factor);
      const want = new Float32Array(2 * side * side);
      for (let b = 0; b < 2; b++)
        for (let r = 0; r < side; r++)
          for (let c = 0; c < side; c++) {
            let sum = 0;
            for (let i = 0; i < factor; i++) for (let j = 0; j < factor; j++) sum += px[b * 784 + (r * factor + i) * 28 + c * factor + j];
            want[(b * side + r) * side + c] = sum / factor ** 2;
          }
      expectClose(got.dataSync(), want, 1e-6);
      got.dispose();
    }
    high.dispose();
  });

  it("bicubic matches PyTorch's F.interpolate(mode='bicubic', align_corners=False)", () => {
    ensureTorch((m) => console.log(`superRes test: ${m}`));
    for (const side of [7, 14]) {
      const low = randomImages([2, side, side, 1], side);
      const values = Array.from(low.dataSync());
      const script = [
        'import json, sys, torch',
        'import torch.nn.functional as F',
        `x = torch.tensor(json.loads(sys.stdin.read()), dtype=torch.float32).reshape(2, 1, ${side}, ${side})`,
        "y = F.interpolate(x, size=(28, 28), mode='bicubic', align_corners=False)",
        'print(json.dumps(y.reshape(-1).tolist()))',
      ].join('\n');
      const want = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' })) as number[];
      const got = bicubicUp(low);
      expect(got.shape).toEqual([2, 28, 28, 1]);
      expectClose(got.dataSync(), want, 1e-5);
      tf.dispose([low, got]);
    }
  });

  it('keeps a flat image flat (every row of weights sums to 1)', () => {
    const w = bicubicMatrix(7, 28);
    for (let o = 0; o < 28; o++) expect(w.subarray(o * 7, o * 7 + 7).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('PSNR and SSIM', () => {
  it('PSNR: an error of 0.1 everywhere (in [0, 1] units) is 20 dB; a perfect copy hits the cap', () => {
    const a = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    const b = tf.fill([1, 28, 28, 1], 0.2) as tf.Tensor4D; // 0.5 and 0.6 in [0, 1]
    expect(psnr(b, a).dataSync()[0]).toBeCloseTo(20, 4);
    expect(psnr(a, a).dataSync()[0]).toBeCloseTo(PSNR_CAP_DB, 3);
    tf.dispose([a, b]);
  });

  it('SSIM of an image and itself plus a constant is the luminance term alone', () => {
    const x = randomImages([1, 11, 11, 1], 5);
    const c = 0.3; // in [-1, 1] units: 0.15 in [0, 1]; stays in range for x in [-1, 0.4]
    const xs = tf.tidy(() => tf.mul(tf.add(x, 1), 0.7).sub(1) as tf.Tensor4D);
    const y = tf.add(xs, c) as tf.Tensor4D;
    const w = ssimWindow();
    const unit = Array.from(xs.dataSync(), (v) => (v + 1) / 2);
    let mx = 0;
    for (let i = 0; i < 11; i++) for (let j = 0; j < 11; j++) mx += w[i] * w[j] * unit[i * 11 + j];
    const my = mx + c / 2;
    const c1 = 0.01 ** 2;
    expect(ssim(y, xs).dataSync()[0]).toBeCloseTo((2 * mx * my + c1) / (mx * mx + my * my + c1), 5);
    expect(ssim(xs, xs).dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([x, xs, y]);
  });

  it('SSIM on 28x28 images matches a loop over its definition', () => {
    const [a, b] = [randomImages([1, 28, 28, 1], 6), randomImages([1, 28, 28, 1], 7)];
    const blend = tf.tidy(() => tf.add(tf.mul(a, 0.6), tf.mul(b, 0.4)) as tf.Tensor4D);
    const x = Array.from(blend.dataSync(), (v) => (v + 1) / 2);
    const y = Array.from(a.dataSync(), (v) => (v + 1) / 2);
    const w = ssimWindow();
    const [c1, c2] = [0.01 ** 2, 0.03 ** 2];
    let total = 0;
    for (let r = 0; r <= 17; r++)
      for (let c = 0; c <= 17; c++) {
        let [mx, my, xx, yy, xy] = [0, 0, 0, 0, 0];
        for (let i = 0; i < 11; i++)
          for (let j = 0; j < 11; j++) {
            const [k, wt] = [(r + i) * 28 + c + j, w[i] * w[j]];
            [mx, my, xx, yy, xy] = [mx + wt * x[k], my + wt * y[k], xx + wt * x[k] ** 2, yy + wt * y[k] ** 2, xy + wt * x[k] * y[k]];
          }
        const [vx, vy, cov] = [xx - mx * mx, yy - my * my, xy - mx * my];
        total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      }
    expect(ssim(blend, a).dataSync()[0]).toBeCloseTo(total / 18 ** 2, 5);
    tf.dispose([a, b, blend]);
  });
});

describe('super-resolution as a paired GAN (x4)', () => {
  let trainer: PairedTrainer;
  let held: tf.Tensor4D;
  beforeAll(() => {
    trainer = new PairedTrainer({ ...CONFIG }, superResPairing(4), data);
    held = heldOut(test, 500);
  });
  afterAll(() => {
    trainer.dispose();
    held.dispose();
  });

  it('D sees (real, its input) and (G of that input, the same input); G is judged on the same pairs', async () => {
    const b = CONFIG.batchSize;
    const seen: { high: Float32Array; low: Float32Array; fromInput: Float32Array }[] = [];
    const spy = vi.spyOn(trainer, 'judge').mockImplementation((high, low) => {
      // What G makes of the first half's inputs right now (D's step comes before G's update).
      const fromInput = tf.tidy(() => trainer.translate(tf.slice(low, 0, b)).dataSync() as Float32Array);
      seen.push({ high: high.dataSync() as Float32Array, low: low.dataSync() as Float32Array, fromInput });
      return trainer.discriminator.apply([high, low]) as tf.Tensor;
    });
    await trainer.steps(1);
    spy.mockRestore();
    expect(seen).toHaveLength(2);
    const [d, g] = seen;
    const real = d.high.subarray(0, b * 784);
    const input = tf.tidy(() => downscale(tf.tensor4d(real, [b, 28, 28, 1]), 4).dataSync() as Float32Array);
    expectClose(d.low.subarray(0, b * 49), input, 1e-6);
    expectClose(d.low.subarray(b * 49), input, 1e-6);
    expectClose(d.high.subarray(b * 784), d.fromInput, 1e-5);
    expectClose(g.low, input, 1e-6);
    expectClose(g.high, d.fromInput, 1e-5);
  });

  it('shows each test image as input (big pixels) | bicubic | GAN | L1 only | real', async () => {
    const eight = tf.slice(held, 0, 8);
    const grid = await superResShowcase(trainer, 4, eight);
    const cols = showcaseColumns(trainer);
    expect(cols).toEqual(['input', 'bicubic', 'GAN', 'L1 only', 'real']);
    expect([grid.width, grid.height]).toEqual([5 * 29 + 1, 8 * 29 + 1]);
    const real = eight.dataSync();
    const at = (row: number, col: number, y: number, x: number): number => grid.pixels[((1 + row * 29 + y) * grid.width + 1 + col * 29 + x) * 4];
    for (let row = 0; row < 8; row++)
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          expect(Math.abs(at(row, 4, y, x) - (real[row * 784 + y * 28 + x] + 1) * 127.5)).toBeLessThanOrEqual(1);
          expect(at(row, 0, y, x)).toBe(at(row, 0, y - (y % 4), x - (x % 4)));
        }
    eight.dispose();
  });

  it("a rollback copy puts back all three networks' weights and the step", async () => {
    const copy = new LastGood();
    copy.keep(trainer);
    const at = trainer.stepCount;
    const read = (): Float32Array[] => trainer.parts().flatMap((p) => p.model.weights.map((w) => w.read().dataSync() as Float32Array));
    const before = read();
    expect(trainer.parts().map((p) => p.name)).toEqual(['g', 'd', 'l1']);
    await trainer.steps(2);
    // Every weight of every network moves in a step (none has frozen weights or batch statistics).
    expect(read().every((w, i) => w.some((v, j) => v !== before[i][j]))).toBe(true);
    copy.restore(trainer);
    expect(trainer.stepCount).toBe(at);
    read().forEach((w, i) => expect(w).toEqual(before[i]));
    copy.dispose();
  });

  it('leaves no tensors behind over many steps and an evaluation', async () => {
    await trainer.steps(2);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await trainer.steps(4);
    await evaluateSuperRes(trainer, 4, held);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns: after a short run both generators beat bicubic on held-out digits', async () => {
    const start = await evaluateSuperRes(trainer, 4, held);
    await trainer.steps(1);
    for (let i = 0; i < 30; i++) await trainer.steps(10);
    const after = await evaluateSuperRes(trainer, 4, held);
    console.log(
      `superRes: PSNR gan ${start.psnr.gan.toFixed(2)} -> ${after.psnr.gan.toFixed(2)} dB, L1 only ${after.psnr.l1?.toFixed(2)}, bicubic ${after.psnr.bicubic.toFixed(2)}; SSIM gan ${after.ssim.gan.toFixed(3)}, L1 only ${after.ssim.l1?.toFixed(3)}, bicubic ${after.ssim.bicubic.toFixed(3)} (step ${trainer.stepCount})`,
    );
    expect(after.psnr.gan).toBeGreaterThan(after.psnr.bicubic);
    expect(after.psnr.l1 as number).toBeGreaterThan(after.psnr.bicubic);
    expect(after.ssim.gan).toBeGreaterThan(after.ssim.bicubic);
  }, 300_000);
});
