// The 2D lab worker's command checker: every field checked, unknown ones refused, and a flood of
// malformed messages leaves the run exactly as it was (the lab's state digest, bit for bit).
import { describe, expect, it } from 'vitest';
import { Lab2dSession } from '../../src/engine/lab2d/session';
import { parseLab2dCommand } from '../../src/shared/lab2dConfig';
import type { Lab2dCommand, Lab2dEvent, Lab2dStateDigest } from '../../src/shared/lab2dProtocol';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import { labWorkerName, readLabWorkerName } from '../../src/shared/workerName';

const config = { ...lab2dDefaults(), batchSize: 16 };
const LAYERS = { real: true, fake: true, heatmap: false, mesh: true, arrows: false };
const STAT = { step: 3, kl: 0.5, js: 0.1, modesCovered: 2, modesTotal: 8, highQuality: null };

const VALID: Lab2dCommand[] = [
  { type: 'reset', configs: [config], drawn: [] },
  { type: 'reset', configs: [config, { ...config, unroll: 5 }], drawn: [0.5, -1] },
  { type: 'run', running: false },
  { type: 'step', what: 'both' },
  { type: 'step', what: 'd' },
  { type: 'step', what: 'phase' },
  { type: 'live', index: 1, params: { gLearningRate: 2e-3, dSteps: 3 } },
  { type: 'layers', layers: LAYERS },
  { type: 'exportRun' },
  { type: 'openRun', bytes: new Uint8Array(0) },
  { type: 'readState' },
];

/** A session that answers the test hooks, its events, and its state read through them. */
function session(testHooks = true) {
  const events: Lab2dEvent[] = [];
  const s = new Lab2dSession((e) => events.push(e), undefined, testHooks);
  const state = (): Lab2dStateDigest[] => {
    s.receive({ type: 'readState' });
    const e = events.at(-1);
    if (e?.type !== 'stateDigest') throw new Error(`no digest: ${JSON.stringify(e)}`);
    return e.digests;
  };
  return { s, events, state };
}

describe('parseLab2dCommand', () => {
  it.each(VALID)('accepts $type and returns an equal copy', (cmd) => {
    expect(parseLab2dCommand(structuredClone(cmd))).toEqual(cmd);
  });

  it.each([
    [null, /must be an object, got null/],
    [[{ type: 'run', running: true }], /got an array/],
    [{ type: 'explode' }, /unknown 2D lab command explode/],
    [{ type: 'run', running: true, now: 1 }, /run: unknown field now/],
    [{ type: 'run', running: 'yes' }, /running must be true or false/],
    [{ type: 'readState', all: true }, /readState: unknown field all/],
    [{ type: 'reset', configs: [{ ...config, lr: 1 }], drawn: [] }, /reset.configs\[0\]: unknown field lr/],
    [{ type: 'reset', configs: [{ ...config, seed: undefined }], drawn: [] }, /seed must be a whole number/],
    [{ type: 'reset', configs: [config], drawn: [1, NaN] }, /drawn must be a list of finite numbers/],
    [{ type: 'reset', configs: [config], drawn: [1] }, /x and y in pairs/],
    [{ type: 'reset', configs: [config] }, /drawn must be a list/],
    [{ type: 'live', index: 0, params: { beta1: 0.5 } }, /live.params: unknown field beta1/],
    [{ type: 'live', index: 0, params: 'fast' }, /live.params must be an object/],
    [{ type: 'layers', layers: { ...LAYERS, grid: true } }, /unknown field grid/],
    [{ type: 'layers', layers: { ...LAYERS, mesh: 1 } }, /layers.mesh must be true or false/],
    // The worker keeps the charts and autosaves on its own clock: a page that sends them is out of date.
    [{ type: 'exportRun', purpose: 'autosave' }, /exportRun: unknown field purpose/],
    [{ type: 'exportRun', histories: [], stats: [[STAT]] }, /exportRun: unknown field histories/],
  ])('refuses %j with a message that names the problem', (raw, message) => {
    expect(() => parseLab2dCommand(raw)).toThrow(message);
  });

  it('a lab worker answers the test hooks only under the name ?faults gives it', () => {
    expect(readLabWorkerName(labWorkerName(true))).toEqual({ testHooks: true });
    for (const name of [labWorkerName(false), '', 'ganvas-trainer test-hooks', 'test-hooks']) expect(readLabWorkerName(name)).toEqual({ testHooks: false });
    const { s, events } = session(false);
    s.receive({ type: 'reset', configs: [config], drawn: [] });
    s.receive({ type: 'readState' });
    expect(events.at(-1)).toEqual({ type: 'error', message: expect.stringMatching(/Ignored 'readState': test hooks are off/) });
    expect(events.some((e) => e.type === 'stateDigest')).toBe(false);
  });
});

/** Messages that are invalid by construction: each breaks one rule of the protocol. */
function malformed(rng: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const junk = (): unknown => pick([null, undefined, NaN, Infinity, -1e12, 1e12, '', 'x'.repeat(rng.int(300)), [], [1, 2], {}, { nested: { deep: [null] } }]);
  const base = structuredClone(pick(VALID)) as unknown as Record<string, unknown>;
  switch (rng.int(10)) {
    case 0:
      return pick([junk(), true, 0, 'run', [base]]);
    case 1:
      return { ...base, type: pick(['', 'Run', 'reset ', 'fault', '__proto__', 'constructor', 'toString', String(rng.int(1e6))]) };
    case 2:
      return { ...base, [pick(['extra', 'constructor', 'weights', 'then', 'n', 'index'])]: junk() };
    case 3:
      return { type: 'step', what: pick([...[junk(), 'D', 'both ', 'all', 5]]) };
    case 4:
      return {
        type: 'live',
        index: pick([0, 1, 2, -1, '0', null]),
        params: pick([{ [pick(['gLearningRate', 'dSteps', 'unroll'])]: junk() }, { beta1: 0.5 }, null, 'fast', [], 5]),
      };
    case 5: {
      const field = pick([...Object.keys(config), 'lr', 'backend']);
      const c = { ...config, [field]: junk() };
      return { type: 'reset', configs: pick([[c], [config, c], [], [config, config, config], c]), drawn: pick([[], [1, 2]]) };
    }
    case 6:
      return { type: 'reset', configs: [config], drawn: pick([[NaN, 0], [1], ['1', '2'], null, { 0: 1 }]) };
    case 7:
      return {
        type: 'layers',
        layers: pick([{ ...LAYERS, [pick(Object.keys(LAYERS))]: pick([junk(), 1, 'true']) }, { ...LAYERS, grid: true }, { real: true }, junk()]),
      };
    case 8:
      return pick([
        {
          type: 'exportRun',
          histories: pick([[new Float32Array(3)], [[1, 2]], [new Float64Array(1), new Float64Array(1), new Float64Array(1)], null, {}, 'rows']),
          stats: [],
          purpose: 'download',
        },
        {
          type: 'exportRun',
          histories: [],
          stats: pick([[[{ ...STAT, step: pick([null, NaN, '3', 2.5, undefined]) }]], [[junk()]], [[], [], []], [{ 0: STAT }]]),
          purpose: 'download',
        },
        { type: 'exportRun', histories: [], stats: [], purpose: pick([junk(), 'Download']) },
        { type: 'run', running: pick([junk(), 1, 'true']) },
      ]);
    default: {
      // Well-formed messages carrying a garbage run file: refused by the file check, not the shape check.
      const bytes = new Uint8Array(rng.int(400)).map(() => rng.int(256));
      return pick([
        { type: 'openRun', bytes },
        { type: 'openRun', bytes: bytes.buffer },
      ]);
    }
  }
}

describe('fuzzing the 2D lab worker with malformed messages', () => {
  it('10,000 malformed messages (garbage run files among them): each refused, and the run unchanged bit for bit; it trains on', () => {
    const { s, events, state } = session();
    s.receive({ type: 'reset', configs: [config, { ...config, unroll: 2 }], drawn: [] });
    for (let i = 0; i < 3; i++) s.receive({ type: 'step', what: 'both' });
    const before = state();
    expect(before.map((d) => d.step)).toEqual([3, 3]);
    const at = events.length;
    const rng = new Rng(2026);
    const sent = 10_000;
    for (let i = 0; i < sent; i++) s.receive(malformed(rng));
    const answers = events.slice(at);
    // One answer per message, each a refusal: nothing drawn, measured or saved.
    expect(answers).toHaveLength(sent);
    expect(new Set(answers.map((e) => e.type))).toEqual(new Set(['error', 'refused']));
    expect(state()).toEqual(before);
    s.receive({ type: 'step', what: 'both' });
    const after = state();
    expect(after.map((d) => d.step)).toEqual([4, 4]);
    expect(after[0].g).not.toBe(before[0].g);
  }, 60_000);
});
