// The applications as a user meets them: the built app, the real worker and
// WASM in Debian's Chromium. Budgets are in steps (fixed seeds), measured in
// docs/benchmarks.md ("Applications").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../scripts/browser';
import { parseStats, QualityClassifier } from '../../src/engine/quality/quality';
import { skeletonOf } from '../../src/engine/tasks/sketch/skeleton';
import { qualityFiles } from '../unit/qualityFiles';
import { servedSet } from '../unit/mnistData';
import { translatePng } from '../../scripts/translateImage';
import { openApp, setUpBrowser, stepTo, waitFor } from './page';

let app: App;
let browser: Browser;
setUpBrowser((a, b) => ([app, browser] = [a, b]));

let classifier: QualityClassifier;
before(async () => {
  await tf.setBackend('cpu');
  const files = qualityFiles('mnist');
  classifier = await QualityClassifier.load(files.modelJson, files.weights, parseStats(JSON.parse(files.stats), 'stats.json'), 'model.json');
});
after(() => classifier.dispose());

/** The held-out measures the page shows, as numbers (data attributes of the panel). */
async function scores(page: Page): Promise<Record<string, number>> {
  return page.locator('section.task-scores').evaluate((el) => Object.fromEntries(Object.entries((el as HTMLElement).dataset).map(([k, v]) => [k, Number(v)])));
}

/** A measure at the current step (a test hook: the app measures every ~10 s of training on its own). */
async function measure(page: Page): Promise<Record<string, number>> {
  const before = (await scores(page)).points;
  await page.evaluate(() => window.ganvasMeasureQuality());
  await waitFor(page, 'a held-out measure', async () => (await scores(page)).points > before, 60_000);
  return scores(page);
}

/** The reference classifier's digit for each 28×28 image (values in [-1, 1]). */
async function classify(images: Float32Array[]): Promise<number[]> {
  const batch = tf.tensor4d(Float32Array.from(images.flatMap((m) => [...m])), [images.length, 28, 28, 1]);
  const { probs } = await classifier.read(batch);
  batch.dispose();
  return images.map((_, d) => {
    const row = probs.subarray(d * 10, d * 10 + 10);
    return row.indexOf(Math.max(...row));
  });
}

/** Gray bytes as a PNG. */
function pngOf(gray: Uint8Array, side: number): Buffer {
  const png = new PNG({ width: side, height: side });
  gray.forEach((v, i) => png.data.set([v, v, v, 255], i * 4));
  return PNG.sync.write(png);
}

/** A skeleton's pixels as pen strokes: walks of 8-connected neighbours, each walk one press-move-release. */
function strokesOf(skeleton: Uint8Array): [number, number][][] {
  const left = new Set<number>();
  skeleton.forEach((v, i) => v && left.add(i));
  const near = (p: number) => [-29, -28, -27, -1, 1, 27, 28, 29].map((d) => p + d).filter((q) => left.has(q) && Math.abs((q % 28) - (p % 28)) <= 1);
  const strokes: [number, number][][] = [];
  while (left.size) {
    // Start at an end of a line where there is one, so a line is one stroke.
    let p = [...left].find((q) => near(q).length === 1) ?? [...left][0];
    const walk: [number, number][] = [];
    for (;;) {
      left.delete(p);
      walk.push([(p % 28) + 0.5, Math.floor(p / 28) + 0.5]);
      const next = near(p);
      if (!next.length) break;
      p = next[0];
    }
    strokes.push(walk);
  }
  return strokes;
}

async function draw(page: Page, strokes: [number, number][][]): Promise<void> {
  await page.getByLabel('Drawing pad').scrollIntoViewIfNeeded();
  const box = await page.getByLabel('Drawing pad').boundingBox();
  assert.ok(box);
  const at = ([x, y]: [number, number]): [number, number] => [box.x + (x / 28) * box.width, box.y + (y / 28) * box.height];
  for (const s of strokes) {
    await page.mouse.move(...at(s[0]));
    await page.mouse.down();
    for (const p of s.slice(1)) await page.mouse.move(...at(p), { steps: 2 });
    await page.mouse.up();
  }
}

describe('the applications', () => {
  it('super-resolution: the GAN passes bicubic’s PSNR on held-out images within 150 steps', async () => {
    const { page } = await openApp(browser, app, '?task=superres&seed=1&faults');
    const first = await measure(page);
    assert.ok(first.psnrgan < first.psnrbicubic, `an untrained upscaler is worse than bicubic (${first.psnrgan} vs ${first.psnrbicubic} dB)`);
    await stepTo(page, 150, 180_000);
    const later = await measure(page);
    assert.ok(later.psnrgan > later.psnrbicubic, `GAN ${later.psnrgan} dB, bicubic ${later.psnrbicubic} dB at step 150`);
    assert.ok(later.ssimgan > later.ssimbicubic);

    // Your own image: a 28x28 test digit is scaled down and upscaled; what is not a small image is refused, and nothing else changes.
    const own = page.getByLabel('Upscale your own image');
    const test = servedSet('mnist', 'test');
    await own.setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: pngOf(test.pixels.subarray(0, 784), 28) });
    await page.getByLabel(/Your image: GAN \(step 150\)/).waitFor({ timeout: 30_000 });
    await own.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await page.getByText('Not upscaled: notes.png is not an image this browser can read (PNG or JPEG). Training goes on.').waitFor();
    await own.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: pngOf(new Uint8Array(30 * 30), 30) });
    await page.getByText('Not upscaled: big.png is 30×30: this generator upscales 7×7 images, or 28×28 ones scaled down first. Training goes on.').waitFor();
    await own.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(2 << 20) });
    await page.getByText(/Not upscaled: huge\.png is 2\.0 MB/).waitFor();
    assert.equal(await page.locator('.control-panel button.primary').isEnabled(), true);
    assert.equal(await page.getByRole('img', { name: /Super-resolution at step 150: 8 rows of input \| bicubic \| GAN \| L1 only \| real/ }).count(), 1);
    await page.context().close();
  });

  it('sketch to digit: digits drawn with the mouse along real test digits’ skeletons come back as those digits, 7 of 10 at least, after 150 steps', async () => {
    const { page } = await openApp(browser, app, '?task=sketch&seed=1&faults');
    const untrained = await measure(page);
    await stepTo(page, 150, 120_000);
    // The app's held-out sketches: the trained net beats the same net untrained on them.
    const trained = await measure(page);
    console.log(
      `sketch: held-out sketches recognised ${untrained.recognized}/10 untrained, ${trained.recognized}/10 at step 150; L1 ${untrained.l1.toFixed(3)} -> ${trained.l1.toFixed(3)}`,
    );
    assert.ok(trained.recognized > untrained.recognized, `recognised ${untrained.recognized} -> ${trained.recognized} of 10`);
    assert.ok(trained.l1 < untrained.l1, `L1 ${untrained.l1} -> ${trained.l1}`);
    const test = servedSet('mnist', 'test');
    const made: Uint8Array[] = [];
    const sketches: Uint8Array[] = [];
    const reals: Uint8Array[] = [];
    for (let digit = 0; digit < 10; digit++) {
      // The 21st of each digit: not one of the ten the view shows.
      let i = -1;
      for (let seen = 0; seen < 21; seen++) i = test.labels.indexOf(digit, i + 1);
      const clear = page.getByRole('button', { name: 'Clear' });
      if (await clear.isEnabled()) await clear.click();
      const answered = Number(await page.getByLabel('What the generator makes of it').getAttribute('data-request'));
      reals.push(test.pixels.subarray(i * 784, (i + 1) * 784));
      sketches.push(skeletonOf(reals[digit], 28));
      await draw(page, strokesOf(sketches[digit]));
      await waitFor(
        page,
        `the generator's answer to a drawn ${digit}`,
        async () => Number(await page.getByLabel('What the generator makes of it').getAttribute('data-request')) > answered,
      );
      made.push(
        await page.getByLabel('What the generator makes of it').evaluate((c: HTMLCanvasElement) =>
          Uint8Array.from(
            c
              .getContext('2d')
              ?.getImageData(0, 0, 28, 28)
              .data.filter((_, k) => k % 4 === 0) ?? [],
          ),
        ),
      );
    }
    const labels = await classify(made.map((m) => Float32Array.from(m, (v) => v / 127.5 - 1)));
    const right = labels.filter((l, d) => l === d).length;
    console.log(`sketch: the classifier read ${labels.join(' ')} for drawn 0-9 (${right}/10)`);
    assert.ok(right >= 7, `only ${right} of 10 drawn digits came back as themselves: ${labels.join(' ')}`);
    // Against the real digits they were drawn from, the generator's images are closer than the strokes themselves (stroke 1, paper -1, as the net gets them).
    const real = reals.map((r) => Float32Array.from(r, (v) => v / 127.5 - 1));
    const l1 = (xs: Float32Array[]) => xs.reduce((a, x, k) => a + x.reduce((b, v, j) => b + Math.abs(v - real[k][j]), 0), 0) / (xs.length * 784);
    const [madeL1, sketchL1] = [
      l1(made.map((m) => Float32Array.from(m, (v) => v / 127.5 - 1))),
      l1(sketches.map((k) => Float32Array.from(k, (v) => (v ? 1 : -1)))),
    ];
    console.log(`sketch: L1 to the real digits ${madeL1.toFixed(3)} for the generator's, ${sketchL1.toFixed(3)} for the sketches themselves`);
    assert.ok(madeL1 < sketchL1, `L1 ${madeL1} (generator) vs ${sketchL1} (sketch)`);
    // An empty pad sends nothing.
    await page.getByRole('button', { name: 'Clear' }).click();
    assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);

    // The download reloads in Node and turns a drawing into a digit there too; opened in the page, it has its own pad.
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download generator (.zip)' }).click()]);
    assert.match(d.suggestedFilename(), /^ganvas-sketch-mnist-step150\.zip$/);
    const zip = new Uint8Array(readFileSync(await d.path()));
    const seven = test.labels.indexOf(7, 200);
    const { png } = await translatePng(zip, pngOf(test.pixels.subarray(seven * 784, (seven + 1) * 784), 28), 1);
    const made7 = PNG.sync.read(png);
    // The right half of the PNG is the output.
    const output = Float32Array.from({ length: 784 }, (_, k) => made7.data[((k / 28) | 0) * 56 * 4 + ((k % 28) + 28) * 4] / 127.5 - 1);
    const outputTensor = tf.tensor4d(output, [1, 28, 28, 1]);
    const { probs: p7 } = await classifier.read(outputTensor);
    outputTensor.dispose();
    assert.equal(p7.indexOf(Math.max(...p7)), 7, 'generate.ts --input on a 7 gives a 7');
    await page.getByLabel('Open generator…').setInputFiles(await d.path());
    await page.getByRole('img', { name: /The opened Sketch to digit generator on 8 held-out images/ }).waitFor();
    await page.getByLabel('Opened generator: Drawing pad').scrollIntoViewIfNeeded();
    const pad = await page.getByLabel('Opened generator: Drawing pad').boundingBox();
    assert.ok(pad);
    await page.mouse.move(pad.x + pad.width / 2, pad.y + 30);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height - 30, { steps: 8 });
    await page.mouse.up();
    await waitFor(
      page,
      'the opened generator’s answer',
      async () => Number(await page.getByLabel('Opened generator: What the generator makes of it').getAttribute('data-request')) > 0,
    );
    await page.context().close();
  });

  it('the augmentation study on a conditional generator completes in the worker and shows each seed, the mean and the spread', async () => {
    const { page } = await openApp(browser, app, '?model=mlp&conditional=true&seed=1&faults');
    await stepTo(page, 300, 120_000);
    const panel = page.getByRole('region', { name: 'Does augmentation help?' });
    // N real and M generated images, as the user picks them (not the defaults, 100 and 1,000).
    await panel.getByLabel('Real images').selectOption('500');
    await panel.getByLabel('Generated images').selectOption('500');
    await panel.getByRole('button', { name: 'Run the study' }).click();
    // The worker answers its heartbeat throughout (the study yields every few steps): the page never calls it silent.
    let silent = 0;
    await waitFor(
      page,
      'the study’s answer',
      async () => {
        silent += await page.locator('.worker-health').count();
        return (await panel.locator('.study-verdict').count()) > 0;
      },
      600_000,
    );
    assert.equal(silent, 0, 'the page called the worker silent while the study ran');
    const verdict = (await panel.locator('.study-verdict').textContent()) ?? '';
    console.log(`study: ${verdict}`);
    assert.match(
      verdict,
      /With 500 real images, adding 500 generated ones \(generator at step 300\) moved test accuracy from \d+\.\d% to \d+\.\d%: (it helped|it hurt|within the spread)/,
    );
    const rows = await panel.getByTestId('study-table').locator('tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[3], /mean ± sd\d+\.\d% ± \d+\.\d\d+\.\d% ± \d+\.\d/);
    const table = panel.getByTestId('study-table');
    const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    saneStudy(verdict, cells, await table.locator('thead th').allTextContents());
    await page.context().close();
  });

  it('domain transfer: the held-out cycle loss falls by at least 40% in 200 steps', async () => {
    const { page } = await openApp(browser, app, '?task=transfer&dataset=fashion&seed=1&faults');
    const first = await measure(page);
    await stepTo(page, 200, 240_000);
    const later = await measure(page);
    console.log(`transfer: cycle loss ${first.cycle.toFixed(3)} at step 0, ${later.cycle.toFixed(3)} at step 200`);
    assert.ok(later.cycle < first.cycle * 0.6, `cycle loss ${first.cycle} -> ${later.cycle}`);
    await page.context().close();
  });
});

/** Any verdict may be right; its figures must still add up: the N and M chosen, accuracies in [0, 1], the mean and spread of the seeds' rows, the words the figures call for. */
function saneStudy(verdict: string, cells: string[][], head: string[]): void {
  assert.deepEqual(head, ['Seed', '500 real', '+ 500 generated']);
  const pct = (text: string) => [...text.matchAll(/(\d+\.\d)(%?)/g)].map((m) => Number(m[1]));
  const seeds = cells.slice(0, 3);
  assert.deepEqual(
    seeds.map((r) => r[0]),
    ['1', '2', '3'],
  );
  const [[meanReal, sdReal], [meanAug, sdAug]] = [pct(cells[3][1]), pct(cells[3][2])];
  for (const [arm, mean, sd] of [
    [1, meanReal, sdReal],
    [2, meanAug, sdAug],
  ]) {
    const xs = seeds.map((r) => pct(r[arm])[0]);
    assert.ok(
      xs.every((x) => x >= 0 && x <= 100),
      `accuracies ${xs}%`,
    );
    const m = xs.reduce((a, b) => a + b) / 3;
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
    // The cells are rounded to 0.1 point.
    assert.ok(Math.abs(mean - m) <= 0.1, `mean ${mean}% of ${xs}`);
    assert.ok(sd >= 0 && Math.abs(sd - s) <= 0.15, `sd ${sd} of ${xs}`);
  }
  const [from, to] = pct(verdict);
  assert.deepEqual([from, to], [meanReal, meanAug], 'the verdict quotes the means');
  const gain = meanAug - meanReal;
  const noise = Math.max(sdReal, sdAug);
  // Only where rounding cannot flip the call.
  if (Math.abs(Math.abs(gain) - noise) > 0.2) {
    const words = Math.abs(gain) <= noise ? /within the spread over seeds/ : gain > 0 ? /it helped by \d+\.\d points/ : /it hurt, by \d+\.\d points/;
    assert.match(verdict, words, `gain ${gain.toFixed(1)} points, spread ${noise}`);
  }
  const points = /by (\d+\.\d) points/.exec(verdict);
  if (points) assert.ok(Math.abs(Number(points[1]) - Math.abs(gain)) <= 0.15, `${points[1]} points for a gain of ${gain.toFixed(1)}`);
}
