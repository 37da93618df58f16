// docs: your own images are not stored with a run; resuming a run trained on
// them asks for them again, and works once they are dropped again.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { mnistTrain } from './mnistData';
import { harness } from './sessionHarness';

const mnist = mnistTrain();
const config = { ...defaultConfig('mlp'), batchSize: 16, dataset: 'custom' as const };

/** 64 real PNGs, as a dropped folder would bring them. */
const images = Array.from({ length: 64 }, (_, i) => {
  const png = new PNG({ width: 28, height: 28 });
  for (let p = 0; p < 784; p++) png.data.set([mnist.pixels[i * 784 + p], mnist.pixels[i * 784 + p], mnist.pixels[i * 784 + p], 255], p * 4);
  const bytes = new Uint8Array(PNG.sync.write(png));
  return { name: `mine/${i}.png`, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
});
const drop = () => ({ type: 'loadImages' as const, files: images.map((f) => ({ ...f, bytes: f.bytes.slice(0) })), skipped: [] });

describe('a run on your own images', () => {
  it('resumes only once the images are dropped again, and says so', async () => {
    const a = harness();
    a.send(drop());
    await a.until(() => a.of('imagesLoaded').length > 0);
    a.send({ type: 'init', config, autoModel: false });
    await a.until(() => a.of('ready').length > 0);
    a.send({ type: 'step', n: 2 });
    await a.until(() => a.of('status').at(-1)?.step === 2);
    a.send({ type: 'exportRun' });
    await a.until(() => a.of('runExported').length > 0);
    const run = a.of('runExported')[0].bytes;
    a.send({ type: 'dispose' });

    const b = harness();
    b.send({ type: 'loadRun', bytes: run.slice(0), resume: true });
    await b.until(() => b.of('error').length > 0);
    expect(b.of('error')[0].message).toMatch(/no images of your own loaded.*needs them again to resume/);
    expect(b.of('ready')).toHaveLength(0);
    b.send(drop());
    await b.until(() => b.of('imagesLoaded').length > 0);
    b.send({ type: 'loadRun', bytes: run.slice(0), resume: true });
    await b.until(() => b.of('ready').length > 0);
    expect(b.of('ready')[0].loaded?.step).toBe(2);
    b.send({ type: 'dispose' });
  }, 60_000);
});
