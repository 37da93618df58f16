// Old run files and shared links keep opening, exactly: files saved by an earlier build
// (test/fixtures/README.md says which) open with today's code into the same state, and
// continue with the same steps.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openLabRun } from '../../src/engine/lab2d/runFile';
import { readLab2dLink } from '../../src/page/state/lab2dLink';
import { readSetup } from '../../src/page/state/shareUrl';
import { defaultConfig } from '../../src/shared/hyperparams';
import type { MetricPoint, StateDigest } from '../../src/shared/protocol';
import { harness } from './sessionHarness';

const fixture = (name: string) => readFileSync(`test/fixtures/${name}`);
const json = <T>(name: string) => JSON.parse(fixture(name).toString('utf8')) as T;
const bitsOf = (xs: Float64Array) =>
  createHash('sha256')
    .update(new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength))
    .digest('hex');

type SavedRun = { atSave: StateDigest; nextPoints: MetricPoint[]; afterTwoSteps: StateDigest };

describe('old run files and links', () => {
  const runs = json<Record<string, SavedRun>>('runs.json');

  it.each(Object.keys(runs))(
    'the run %s resumes into the state it was saved in and takes the same next steps',
    async (name) => {
      const saved = runs[name];
      const h = harness();
      h.send({ type: 'init', config: defaultConfig('mlp'), autoModel: false });
      await h.until(() => h.of('ready').length > 0);
      const bytes = fixture(`${name}.ganvas.zip`);
      h.send({ type: 'loadRun', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), resume: true });
      await h.until(() => h.of('status').at(-1)?.step === saved.atSave.step && h.of('ready').length > 1, 120_000);
      expect(h.of('error')).toEqual([]);
      h.send({ type: 'readState' });
      await h.until(() => h.of('stateDigest').length > 0);
      expect(h.of('stateDigest')[0].digest).toEqual(saved.atSave);

      h.send({ type: 'step', n: 2 });
      await h.until(() => h.of('status').at(-1)?.step === saved.atSave.step + 2, 120_000);
      expect(
        h
          .of('metrics')
          .flatMap((m) => m.points)
          .filter((p) => p.step > saved.atSave.step),
      ).toEqual(saved.nextPoints);
      h.send({ type: 'readState' });
      await h.until(() => h.of('stateDigest').length > 1);
      expect(h.of('stateDigest')[1].digest).toEqual(saved.afterTwoSteps);
      h.send({ type: 'dispose' });
    },
    180_000,
  );

  it('the 2D lab run opens both setups and takes the same next 20 steps', () => {
    const saved = json<{ next: unknown[][]; params: { g: string; d: string }[] }>('lab.json');
    const opened = openLabRun(new Uint8Array(fixture('lab-side-by-side.ganvas-lab.zip')));
    expect(opened.drawn).toEqual([0.5, -1, 0.25, 0.75]);
    const gans = opened.labs.map((l) => l.gan);
    expect(gans.map((g) => g.step)).toEqual([30, 30]);
    expect(opened.configs[0].gLearningRate).toBe(3e-3);
    saved.next.forEach((pair) => expect(gans.map((g) => g.trainStep())).toEqual(pair));
    expect(gans.map((g) => ({ g: bitsOf(g.g.params), d: bitsOf(g.d.params) }))).toEqual(saved.params);
  });

  it('shared links read as they did', () => {
    const links = json<{ digits: Record<string, unknown>; lab: Record<string, unknown> }>('links.json');
    for (const [query, setup] of Object.entries(links.digits)) expect(readSetup(query), query).toEqual(setup);
    for (const [query, link] of Object.entries(links.lab)) expect(readLab2dLink(query), query).toEqual(link);
  });
});
