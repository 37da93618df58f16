import * as tf from '@tensorflow/tfjs';
import { unzipSync, strFromU8 } from 'fflate';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderImages } from '../../src/engine/inside/generatorSource';
import { defaultConfig } from '../../src/shared/hyperparams';
import { liveSource } from '../../src/engine/inside/views';
import { generatorInput, interpolate, latentNoise, lerp, slerp } from '../../src/shared/latent';
import { renderLatent } from '../../src/engine/inside/latentViews';
import { dScore, realVsFake } from '../../src/engine/inside/realVsFake';
import { samplesZip } from '../../src/engine/export/samplesZip';
import { Timelapse, TIMELAPSE_FIRST_EVERY, timelapseGif } from '../../src/shared/formats/timelapse';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { LatestOnly } from '../../src/page/lib/latestOnly';
import { mnistTrain } from './mnistData';
import { encodePngNode } from './pngEncoder';

const data = mnistTrain();
const norm = (v: Float32Array) => Math.hypot(...v);
const trainer = () => new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, seed: 3 }, data);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('latent interpolation', () => {
  const a = latentNoise(1, 100);
  const b = latentNoise(2, 100);

  it('lerp and slerp start at a and end at b', () => {
    for (const f of [lerp, slerp]) {
      f(a, b, 0).forEach((v, i) => expect(v).toBeCloseTo(a[i], 5));
      f(a, b, 1).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    }
  });

  it('lerp halfway is the mean; slerp between orthogonal unit vectors stays on the unit circle', () => {
    lerp(a, b, 0.5).forEach((v, i) => expect(v).toBeCloseTo((a[i] + b[i]) / 2, 6));
    const x = new Float32Array([1, 0]);
    const y = new Float32Array([0, 1]);
    for (const t of [0.25, 0.5, 0.75]) expect(norm(slerp(x, y, t))).toBeCloseTo(1, 6);
    expect([...slerp(x, y, 0.5)].map((v) => +v.toFixed(6))).toEqual([+Math.SQRT1_2.toFixed(6), +Math.SQRT1_2.toFixed(6)]);
    // lerp's midpoint cuts inside the circle: why slerp exists.
    expect(norm(lerp(x, y, 0.5))).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('slerp of parallel vectors falls back to lerp (no division by sin 0)', () => {
    const twice = a.map((v) => 2 * v);
    expect(slerp(a, twice, 0.5).every(Number.isFinite)).toBe(true);
    slerp(a, twice, 0.5).forEach((v, i) => expect(v).toBeCloseTo(1.5 * a[i], 5));
  });

  it('interpolate packs N frames, first a, last b', () => {
    const path = interpolate(a, b, 8, 'slerp');
    expect(path).toHaveLength(800);
    expect([...path.subarray(0, 100)]).toEqual([...a]);
    path.subarray(700).forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
  });

  it('generatorInput appends a one-hot per row for a conditional generator, and passes noise through otherwise', () => {
    const noise = new Float32Array([1, 2, 3, 4]);
    expect(generatorInput(noise, 2, 0)).toBe(noise);
    const input = generatorInput(noise, 2, 3, [2, 0]);
    expect([...input]).toEqual([1, 2, 0, 0, 1, 3, 4, 1, 0, 0]);
  });
});

describe('timelapse', () => {
  it('keeps at most 120 frames over 100,000 steps, the first and the latest among them, thinning evenly', () => {
    const t = new Timelapse();
    const frame = new Uint8Array(4);
    let most = 0;
    for (let step = 0; step <= 100_000; step++) {
      if (!t.due(step)) continue;
      t.add(step, frame, 2, 2);
      most = Math.max(most, t.frames.length);
    }
    expect(most).toBeLessThanOrEqual(120);
    expect(t.frames[0].step).toBe(0);
    expect(t.frames.at(-1)?.step).toBeGreaterThan(100_000 - 2 * t.every);
    expect(t.every).toBeGreaterThan(TIMELAPSE_FIRST_EVERY);
    const gaps = t.frames.slice(1, -1).map((f, i) => f.step - t.frames[i].step);
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThanOrEqual(2);
  });

  it('thinning right at the limit keeps the frame just added', () => {
    const t = new Timelapse(4);
    [0, 10, 20, 30].forEach((s) => t.add(s, new Uint8Array(1), 1, 1));
    expect(t.frames.map((f) => f.step)).toEqual([0, 20, 30]);
    expect(t.every).toBe(2 * TIMELAPSE_FIRST_EVERY);
  });

  it('encodes an animated GIF89a with one image per frame', () => {
    const t = new Timelapse();
    for (let s = 0; s < 5; s++) t.add(s * 10, new Uint8Array(9).fill(s * 50), 3, 3);
    const gif = timelapseGif(t);
    expect(strFromU8(gif.subarray(0, 6))).toBe('GIF89a');
    const images = gif.reduce((n, byte, i) => n + (byte === 0x21 && gif[i + 1] === 0xf9 ? 1 : 0), 0);
    expect(images).toBe(5);
    expect(gif.at(-1)).toBe(0x3b);
  });
});

describe('views rendered from a real generator', () => {
  it('real vs fake: 8 and 8 images with D probabilities, same step same picks, no tensor left behind', async () => {
    const t = trainer();
    await realVsFake(t, data); // warm up tfjs's own caches
    const before = tf.memory().numTensors;
    const e = await realVsFake(t, data);
    expect(tf.memory().numTensors).toBe(before);
    expect([e.real.count, e.fake.count, e.real.gray.length, e.fake.gray.length]).toEqual([8, 8, 8 * 784, 8 * 784]);
    expect([...e.realScores, ...e.fakeScores].every((p) => p > 0 && p < 1)).toBe(true);
    expect(e.scoreKind).toBe('probability');
    expect((await realVsFake(t, data)).real.gray).toEqual(e.real.gray);
    expect(dScore(0)).toBe(0.5);
    expect(dScore(-3.5, 'critic')).toBe(-3.5);
    t.dispose();
  });

  it('real vs fake for a conditional hinge run: each image judged with its class, raw critic scores', async () => {
    const t = new GanTrainer({ ...defaultConfig('mlp'), batchSize: 8, seed: 3, conditional: true, loss: 'hinge' }, data);
    await t.steps(2);
    const e = await realVsFake(t, data);
    expect(e.scoreKind).toBe('critic');
    expect([...e.realScores, ...e.fakeScores].every(Number.isFinite)).toBe(true);
    // Scores outside (0, 1) show they are not squashed into probabilities.
    expect([...e.realScores, ...e.fakeScores].some((v) => v < 0 || v > 1)).toBe(true);
    // Noise alone draws the classes in turn: 0..9 for the first ten.
    const z = tf.randomNormal([10, 100], 0, 1, 'float32', 1) as tf.Tensor2D;
    const perClass = t.sample(z);
    expect(perClass.shape).toEqual([10, 28, 28, 1]);
    const asked = t.generate(tf.concat([z, tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'int32'), 10).toFloat()], 1) as tf.Tensor2D);
    expect(await perClass.data()).toEqual(await asked.data());
    tf.dispose([z, perClass, asked]);
    t.dispose();
  });

  it('moving one latent slider changes the image; the same values give the same image', async () => {
    const t = trainer();
    const source = liveSource(t);
    const render = async (values: number[]) => (await renderLatent(source, { kind: 'sliders', source: 'live', seed: 5, values })).gray;
    const before = tf.memory().numTensors;
    const a = await render([0, 0]);
    const b = await render([0, 2.5]);
    expect(await render([0, 0])).toEqual(a);
    expect(b).not.toEqual(a);
    const strip = await renderLatent(source, { kind: 'interpolate', source: 'live', seedA: 1, seedB: 2, frames: 6, path: 'linear' });
    expect(strip.gray).toHaveLength(6 * 784);
    // The strip's ends are the endpoints' own samples.
    expect(strip.gray.subarray(0, 784)).toEqual(await renderImages(source, latentNoise(1, 100), 1));
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('the samples zip holds N PNGs that decode to 28x28, a CSV with N rows and a README', async () => {
    const t = trainer();
    const before = tf.memory().numTensors;
    const files = unzipSync(await samplesZip(liveSource(t), 30, 100, encodePngNode));
    expect(tf.memory().numTensors).toBe(before);
    const pngs = Object.keys(files).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(30);
    for (const f of pngs) expect([PNG.sync.read(Buffer.from(files[f])).width, PNG.sync.read(Buffer.from(files[f])).height]).toEqual([28, 28]);
    const rows = strFromU8(files['samples.csv']).trim().split('\n');
    expect(rows[0]).toBe('file,seed,step');
    expect(rows).toHaveLength(31);
    expect(rows[1]).toBe('images/sample-00000.png,100,0');
    expect(strFromU8(files['README.txt'])).toMatch(/30 images/);
    // Image i is the sample of seed + i.
    const again = await renderImages(liveSource(t), latentNoise(107, 100), 1);
    const png = PNG.sync.read(Buffer.from(files['images/sample-00007.png']));
    expect(Uint8Array.from({ length: 784 }, (_, i) => png.data[i * 4])).toEqual(again);
    await expect(samplesZip(liveSource(t), 0, 1, encodePngNode)).rejects.toThrow(/from 1 to 10,000/);
    t.dispose();
  });
});

describe('LatestOnly', () => {
  it('sends one request at a time and, of those that waited, only the last', () => {
    const sent: number[] = [];
    const l = new LatestOnly<number>((v) => sent.push(v));
    l.request(1);
    l.request(2);
    l.request(3);
    expect(sent).toEqual([1]);
    l.done();
    expect(sent).toEqual([1, 3]);
    l.done();
    l.done();
    expect(sent).toEqual([1, 3]);
    l.request(4);
    expect(sent).toEqual([1, 3, 4]);
  });
});

describe('the worker loop with the inside views', () => {
  it('each grid brings real vs fake scores and timelapse frames; the GIF exports; a refused request leaves training running', async () => {
    const { harness } = await import('./sessionHarness');
    const h = harness();
    h.send({ type: 'init', config: { ...defaultConfig('mlp'), batchSize: 8 }, autoModel: false });
    await h.until(() => h.of('realVsFake').length > 0 && h.of('timelapseFrame').length === 1);
    h.send({ type: 'step', n: 12 });
    await h.until(() => h.of('timelapseFrame').length === 2);
    expect(h.of('timelapseFrame').map((f) => f.step)).toEqual([0, 12]);
    expect(h.of('realVsFake').at(-1)?.step).toBe(12);
    h.send({ type: 'exportTimelapse' });
    await h.until(() => h.of('timelapseExported').length === 1);
    const gif = h.of('timelapseExported')[0];
    expect([gif.fileName, gif.frames]).toEqual(['ganvas-timelapse-step-12.gif', 2]);
    expect(strFromU8(new Uint8Array(gif.bytes, 0, 6))).toBe('GIF89a');

    h.send({ type: 'start' });
    h.send({ type: 'renderLatent', request: { kind: 'sliders', source: 'opened', seed: 1, values: [] } });
    await h.until(() => h.of('error').length === 1);
    expect(h.of('error')[0].message).toMatch(/No generator is open/);
    const at = h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0;
    await h.until(() => (h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0) > at + 3);
    h.send({ type: 'pause' });
    h.send({ type: 'reset', config: { ...defaultConfig('mlp'), batchSize: 8 } });
    await h.until(() => h.of('ready').length === 2 && h.of('timelapseFrame').at(-1)?.step === 0);
    h.send({ type: 'dispose' });
  });
});
