import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Lab2dSession } from '../../src/engine/lab2d/session';
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { openLabRun, saveLabRun } from '../../src/engine/lab2d/runFile';
import type { Lab2dConfig, Lab2dEvent, Lab2dLayers } from '../../src/shared/lab2dProtocol';
import { lab2dDefaults } from '../../src/shared/settings';
import { packPoints } from '../../src/shared/metricHistory';

const LAYERS: Lab2dLayers = { real: true, fake: false, heatmap: true, mesh: true, arrows: false };
const config = (over: Partial<Lab2dConfig> = {}): Lab2dConfig => ({ ...lab2dDefaults(), batchSize: 32, ...over });
const params = (g: Gan2d) => [Array.from(g.g.params), Array.from(g.d.params)];

/** A saved run's zip with lab.json changed by `edit`. */
function edited(bytes: Uint8Array, edit: (meta: Record<string, unknown>) => void): Uint8Array {
  const files = unzipSync(bytes);
  const meta = JSON.parse(strFromU8(files['lab.json'])) as Record<string, unknown>;
  edit(meta);
  return zipSync({ ...files, 'lab.json': strToU8(JSON.stringify(meta)) });
}

describe('2D lab run files', () => {
  it('a saved and opened run continues exactly as the run it came from (second-order unrolled, live changes, side by side)', () => {
    const [a, b] = [new Gan2d(config({ unroll: 2 })), new Gan2d(config({ loss: 'lsgan', optimizer: 'sgd' }))];
    const history = [] as ReturnType<Gan2d['trainStep']>[];
    for (let i = 0; i < 12; i++) history.push(a.trainStep(), b.trainStep());
    a.setLive({ gLearningRate: 3e-3 });
    const stats = [{ step: 12, kl: 1, js: 0.5, modesCovered: 3, modesTotal: 8, highQuality: 0.4 }];
    const bytes = saveLabRun(
      [
        { gan: a, history: packPoints(history), stats },
        { gan: b, history: new Float64Array(0), stats: [] },
      ],
      [0.5, -1],
      LAYERS,
    );
    const opened = openLabRun(bytes);
    expect(opened.configs[0].gLearningRate).toBe(3e-3);
    expect(opened.layers).toEqual(LAYERS);
    expect(opened.drawn).toEqual([0.5, -1]);
    expect(Array.from(opened.labs[0].history)).toEqual(Array.from(packPoints(history)));
    expect(opened.labs[0].stats).toEqual(stats);
    const [a2, b2] = opened.labs.map((l) => l.gan);
    expect(a2.step).toBe(12);
    for (let i = 0; i < 5; i++) {
      expect(a2.trainStep()).toEqual(a.trainStep());
      expect(b2.trainStep()).toEqual(b.trainStep());
    }
    expect(params(a2)).toEqual(params(a));
    expect(params(b2)).toEqual(params(b));
  });

  const saved = () => {
    const gan = new Gan2d(config());
    gan.trainStep();
    return saveLabRun([{ gan, history: new Float64Array(0), stats: [] }], [], LAYERS);
  };

  it.each([
    ['random bytes', () => Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 251), /not a zip file/],
    ['a zip of something else', () => zipSync({ 'ganvas.json': strToU8('{}') }), /lacks lab.json/],
    ['another kind of file', () => edited(saved(), (m) => (m.kind = 'run')), /does not say it is a ganvas 2D lab run/],
    ['a newer version', () => edited(saved(), (m) => (m.version = 9)), /format version 9/],
    ['a setting out of range', () => edited(saved(), (m) => ((m.configs as Lab2dConfig[])[0].gWidth = 4000)), /setup 1 is out of range: gWidth/],
    [
      'networks that do not match the weights',
      () => edited(saved(), (m) => ((m.configs as Lab2dConfig[])[0].dWidth = 16)),
      /does not fit its own networks: d has/,
    ],
    [
      'an array outside the data',
      () => edited(saved(), (m) => ((m.labs as { arrays: { g: { offset: number } } }[])[0].arrays.g.offset = 1e9)),
      /g lies outside arrays.bin/,
    ],
  ])('refuses %s with a reason', (_, make, why) => {
    expect(() => openLabRun(make())).toThrow(why);
  });

  it('refuses a NaN in the weights', () => {
    const files = unzipSync(saved());
    const bin = new Float64Array(files['arrays.bin'].buffer.slice(0));
    bin[3] = NaN;
    expect(() => openLabRun(zipSync({ ...files, 'arrays.bin': new Uint8Array(bin.buffer) }))).toThrow(/g holds a NaN/);
  });

  it('in the session: a refused file leaves the run as it was; a good one replaces it and says what it holds', () => {
    const events: Lab2dEvent[] = [];
    const s = new Lab2dSession((e) => events.push(e));
    s.receive({ type: 'reset', configs: [config()], drawn: [] });
    for (let i = 0; i < 3; i++) s.receive({ type: 'step', what: 'both' });
    s.receive({ type: 'openRun', bytes: new Uint8Array([1, 2, 3]) });
    expect(events.at(-1)).toEqual({ type: 'refused', message: expect.stringMatching(/not a 2D lab run ganvas can open/) });
    s.receive({ type: 'exportRun' });
    const file = events.at(-1);
    if (file?.type !== 'runFile') throw new Error('no run file');
    expect(file.step).toBe(3);
    s.receive({ type: 'openRun', bytes: saved() });
    const opened = events.find((e) => e.type === 'opened');
    expect(opened?.type === 'opened' && opened.layers).toEqual(LAYERS);
    const frame = events.filter((e) => e.type === 'frame').at(-1);
    expect(frame?.type === 'frame' && frame.frame.step).toBe(1);
  });
});

describe('a 2D run that diverges', () => {
  it('goes back to its last finite state, pauses and says so; no NaN reaches the chart, and it trains on from there', () => {
    const events: Lab2dEvent[] = [];
    const s = new Lab2dSession((e) => events.push(e));
    // SGD at a rate of 1 on LSGAN blows up within a few steps; start from a finite run of 120 steps.
    s.receive({ type: 'reset', configs: [config({ optimizer: 'sgd', loss: 'lsgan', gLearningRate: 1e-3, dLearningRate: 1e-3 })], drawn: [] });
    for (let i = 0; i < 120; i++) s.receive({ type: 'step', what: 'both' });
    s.receive({ type: 'live', index: 0, params: { gLearningRate: 1, dLearningRate: 1 } });
    s.receive({ type: 'run', running: true });
    for (let i = 0; i < 200 && s.isRunning; i++) s.tick();
    const rolled = events.find((e) => e.type === 'rolledBack');
    if (rolled?.type !== 'rolledBack') throw new Error('no rollback');
    expect(rolled.step).toBe(100);
    expect(rolled.message).toMatch(/Training diverged at step \d+ .*went back to step 100, the last finite state kept, and paused/);
    expect(s.isRunning).toBe(false);
    const points = events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
    expect(points.every((p) => Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss))).toBe(true);
    s.receive({ type: 'live', index: 0, params: { gLearningRate: 1e-3, dLearningRate: 1e-3 } });
    s.receive({ type: 'step', what: 'both' });
    const next = events.filter((e) => e.type === 'metrics').at(-1);
    expect(next?.type === 'metrics' && next.points.map((p) => [p.step, Number.isFinite(p.dLoss)])).toEqual([[101, true]]);
  });
});
