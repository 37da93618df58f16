// The samples export runs beside training: the loop keeps stepping while it
// encodes, every image comes from the step it started at, and a second export
// while one runs is refused rather than queued.
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import { harness } from './sessionHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exporting samples while training', () => {
  it('training steps on during the export, which holds every image and says how far it got; a second export is refused', async () => {
    const h = harness();
    h.send({ type: 'init', config: { ...defaultConfig('mlp'), batchSize: 16, seed: 5 }, autoModel: false });
    await h.until(() => h.of('ready').length > 0);
    h.send({ type: 'start' });
    await h.until(() => h.of('metrics').length > 0);
    h.send({ type: 'exportSamples', source: 'live', count: 1000, seed: 7 });
    await h.until(() => h.of('samplesProgress').some((p) => p.done > 0));
    h.send({ type: 'exportSamples', source: 'live', count: 5, seed: 1 });
    await h.until(() => h.of('samplesExported').length === 1 && h.of('error').length > 0);
    h.send({ type: 'pause' });

    const first = h.events.findIndex((e) => e.type === 'samplesProgress');
    const last = h.events.findIndex((e) => e.type === 'samplesExported');
    const during = h.events.slice(first, last).flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.step) : []));
    expect(during.length, 'steps trained while the export ran').toBeGreaterThan(0);
    expect(h.of('samplesProgress').map((p) => p.done)).toContain(500);
    expect(h.of('error')[0].message).toMatch(/An export of 1,000 samples is already running \(\d+ done\): wait for it to finish/);
    expect(h.of('samplesExported')).toHaveLength(1);

    const files = unzipSync(new Uint8Array(h.of('samplesExported')[0].bytes));
    expect(Object.keys(files).filter((f) => f.endsWith('.png'))).toHaveLength(1000);
    const steps = new Set(
      strFromU8(files['samples.csv'])
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split(',')[2]),
    );
    expect(steps.size, 'every image from the generator as it was when the export started').toBe(1);
    expect(Number([...steps][0])).toBeLessThan(Math.max(...during));
    h.send({ type: 'dispose' });
  }, 120_000);
});
