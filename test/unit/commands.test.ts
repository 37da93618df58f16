import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CommandError, parseCommand } from '../../src/shared/commands';
import { defaultConfig } from '../../src/shared/hyperparams';
import { Rng } from '../../src/shared/rng';
import type { Command } from '../../src/shared/protocol';
import { harness, stateChanges } from './sessionHarness';

const config = { ...defaultConfig('mlp'), batchSize: 16 };

const VALID: Command[] = [
  { type: 'init', config, autoModel: false },
  { type: 'init', config: { ...config, backend: 'wasm', readEvery: 10 }, autoModel: true },
  { type: 'reset', config },
  { type: 'reset', config: { ...config, dataset: 'fashion' } },
  { type: 'reset', config: { ...config, loss: 'wgan-gp', conditional: true, instanceNoise: 0.1, dSteps: 5, labelSmoothing: 0 } },
  { type: 'setSampleClass', classIndex: 7 },
  { type: 'setSampleClass', classIndex: null },
  { type: 'setHyperparams', params: { dSteps: 3, labelSmoothing: 0.1 } },
  { type: 'start' },
  { type: 'pause' },
  { type: 'step', n: 5 },
  { type: 'phaseStep' },
  { type: 'setHyperparams', params: { gLearningRate: 5e-4 } },
  { type: 'setHyperparams', params: {} },
  { type: 'exportGenerator' },
  { type: 'exportRun' },
  { type: 'saveNow' },
  { type: 'setAutosave', seconds: 0 },
  { type: 'setAutosave', seconds: 30 },
  { type: 'sampleGenerator', seed: 5 },
  { type: 'closeGenerator' },
  { type: 'renderLatent', request: { kind: 'interpolate', source: 'live', seedA: 1, seedB: 2, frames: 8, path: 'slerp' } },
  { type: 'renderLatent', request: { kind: 'sliders', source: 'opened', seed: 3, values: [0.5, -1, 0, 2, -4.5], classLabel: 7 } },
  { type: 'exportTimelapse' },
  { type: 'readState' },
  { type: 'measureQuality' },
  { type: 'exportSamples', source: 'live', count: 1000, seed: 0 },
  { type: 'exportSamples', source: 'opened', count: 10000, seed: 9, classLabel: 0 },
  { type: 'dispose' },
];

describe('parseCommand', () => {
  it.each(VALID)('accepts $type and returns an equal copy', (cmd) => {
    expect(parseCommand(JSON.parse(JSON.stringify(cmd)))).toEqual(cmd);
  });

  it('accepts files as ArrayBuffers (structured clone keeps them; JSON would not)', () => {
    const bytes = new ArrayBuffer(8);
    expect(parseCommand({ type: 'loadRun', bytes, resume: true })).toEqual({ type: 'loadRun', bytes, resume: true });
    expect(parseCommand({ type: 'openGenerator', bytes, fileName: 'g.zip' })).toEqual({ type: 'openGenerator', bytes, fileName: 'g.zip' });
    const images = { type: 'loadImages', files: [{ name: 'a.png', bytes }], skipped: [{ name: 'b.png', reason: 'is 30.0 MB' }] };
    expect(parseCommand(images)).toEqual(images);
  });

  it.each([
    [null, /must be an object, got null/],
    [[{ type: 'start' }], /got an array/],
    [{ type: 7 }, /string 'type'/],
    [{ type: 'explode' }, /unknown command type 'explode'/],
    [{ type: 'start', now: true }, /unknown field now/],
    [{ type: 'step', n: 0 }, /step.n must be a whole number from 1 to 1000/],
    [{ type: 'step', n: '3' }, /step.n must be a number/],
    [{ type: 'phaseStep', phase: 'updateG' }, /unknown field phase/],
    [{ type: 'setHyperparams', params: { learningRate: 1 } }, /unknown field learningRate/],
    [{ type: 'setHyperparams', params: { beta1: '0.5' } }, /params.beta1 must be a number/],
    [{ type: 'init', config, autoModel: 'yes' }, /autoModel must be a boolean/],
    [{ type: 'reset', config: { ...config, model: 'gpt' } }, /reset.config.model must be one of mlp, dcgan, dcgan-lite, dcgan-seed/],
    [{ type: 'reset', config: { ...config, backend: 'cuda' } }, /backend must be one of/],
    [{ type: 'reset', config: { ...config, batchSize: undefined } }, /batchSize must be a number/],
    [{ type: 'loadRun', bytes: 'zip', resume: false }, /loadRun'.bytes must be an ArrayBuffer, got 'zip'/],
    [{ type: 'loadRun', bytes: new Uint8Array(4), resume: false }, /must be an ArrayBuffer, got an object/],
    [{ type: 'loadRun', bytes: new ArrayBuffer(4) }, /loadRun.resume must be a boolean/],
    [{ type: 'openGenerator', bytes: new ArrayBuffer(4) }, /fileName must be a string/],
    [{ type: 'setAutosave', seconds: -5 }, /from 0 \(off\) to 3600/],
    [{ type: 'setAutosave', seconds: 1.5 }, /from 0 \(off\) to 3600/],
    [{ type: 'sampleGenerator', seed: -1 }, /seed must be a whole number/],
    [{ type: 'loadImages', files: {}, skipped: [] }, /loadImages'.files must be an array, got an object/],
    [{ type: 'loadImages', files: [{ name: 'a.png', bytes: 'x' }], skipped: [] }, /files\[0\].bytes must be an ArrayBuffer/],
    [{ type: 'loadImages', files: [{ name: 'a.png', bytes: new ArrayBuffer(1), path: '/' }], skipped: [] }, /files\[0\]: unknown field path/],
    [{ type: 'loadImages', files: [], skipped: [{ name: 'a.png' }] }, /skipped\[0\].reason must be a string/],
    [{ type: 'renderLatent', request: { kind: 'walk', source: 'live' } }, /kind must be one of interpolate, sliders/],
    [
      { type: 'renderLatent', request: { kind: 'interpolate', source: 'live', seedA: 1, seedB: 2, frames: 1, path: 'slerp' } },
      /frames must be a whole number from 2 to 16/,
    ],
    [
      { type: 'renderLatent', request: { kind: 'interpolate', source: 'live', seedA: 1, seedB: 2, frames: 8, path: 'curvy' } },
      /path must be one of linear, slerp/,
    ],
    [{ type: 'renderLatent', request: { kind: 'sliders', source: 'live', seed: 1, values: [1, 2, 3, 4, 5, 6] } }, /at most 5 numbers/],
    [{ type: 'renderLatent', request: { kind: 'sliders', source: 'live', seed: 1, values: [NaN] } }, /at most 5 numbers from -5 to 5/],
    [{ type: 'renderLatent', request: { kind: 'sliders', source: 'tab', seed: 1, values: [] } }, /source must be one of live, opened/],
    [
      { type: 'renderLatent', request: { kind: 'sliders', source: 'live', seed: 1, values: [], classLabel: 10 } },
      /classLabel must be a whole number from 0 to 9/,
    ],
    [{ type: 'exportSamples', source: 'live', count: 0, seed: 1 }, /whole number from 1 to 10,000, got 0/],
    [{ type: 'exportSamples', source: 'live', count: 10001, seed: 1 }, /from 1 to 10,000/],
    [{ type: 'exportSamples', source: 'live', count: 2.5, seed: 1 }, /from 1 to 10,000/],
    [{ type: 'exportTimelapse', fps: 30 }, /unknown field fps/],
    [{ type: 'reset', config: { ...config, loss: 'wgan' } }, /loss must be one of bce, lsgan, hinge, wgan-gp/],
    [{ type: 'reset', config: { ...config, conditional: 'yes' } }, /conditional must be a boolean/],
    [{ type: 'setSampleClass', classIndex: 10 }, /classIndex must be a digit 0..9 or null/],
    [{ type: 'setSampleClass' }, /classIndex must be a digit/],
  ])('refuses %j with a message that names the problem', (raw, message) => {
    expect(() => parseCommand(raw)).toThrow(CommandError);
    expect(() => parseCommand(raw)).toThrow(message);
  });
});

/** Messages that are invalid by construction: each breaks one rule of the protocol. */
function malformed(rng: Rng): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const junk = (): unknown => pick([null, undefined, 0, -1, NaN, Infinity, '', 'x'.repeat(rng.int(300)), true, [], [1, 2], {}, { nested: { deep: [null] } }]);
  const base = structuredClone(pick(VALID)) as unknown as Record<string, unknown>;
  switch (rng.int(8)) {
    case 0:
      return junk();
    case 1:
      return { ...base, type: pick(['', 'Start', 'init ', 'rm -rf', '__proto__', 'constructor', String(rng.int(1e6))]) };
    case 2:
      return { ...base, [pick(['extra', 'constructor', 'weights', 'then'])]: junk() };
    case 3:
      return { type: 'step', n: pick([0, -3, 1001, 1e9, 2.5, NaN, '10', null]) };
    case 4: {
      const live = pick(['gLearningRate', 'dLearningRate', 'beta1']);
      // Numbers out of range pass the shape check and are refused by the range check instead.
      return { type: 'setHyperparams', params: { [live]: pick([-1, 1.5, 2, NaN, Infinity, '1e-3', null, {}]) } };
    }
    case 5: {
      const field = pick(['model', 'dataset', 'batchSize', 'seed', 'gLearningRate', 'beta1', 'backend']);
      return { type: pick(['init', 'reset']), config: { ...config, [field]: pick([null, 'nope', {}, [], true, -5, 1e12]) }, autoModel: false };
    }
    case 6:
      return { type: pick(['init', 'reset']), config: pick([null, 3, 'config', [], { model: 'mlp' }]), autoModel: false };
    default: {
      // Well-formed messages carrying garbage files: refused by the file checks, not the shape check.
      const bytes = new Uint8Array(rng.int(400)).map(() => rng.int(256)).buffer;
      return pick([
        { type: 'loadRun', bytes, resume: rng.int(2) === 0 },
        { type: 'openGenerator', bytes, fileName: 'x.zip' },
      ]);
    }
  }
}

describe('fuzzing the worker loop with malformed messages', () => {
  it('10,000 malformed messages (garbage run and generator files among them): one error each, G, D and both optimizers untouched, and the run still trains', async () => {
    await tf.setBackend('cpu');
    const h = harness();
    h.session.receive({ type: 'init', config, autoModel: false });
    await h.until(() => h.of('ready').length === 1 && h.of('samples').length > 0);
    h.session.receive({ type: 'step', n: 2 });
    await h.until(() => h.of('status').at(-1)?.step === 2);
    const before = await h.state();
    expect([...before.bits.keys()].filter((k) => k.startsWith('dopt/')).length).toBeGreaterThan(0);
    expect([...before.bits.keys()].filter((k) => k.startsWith('gopt/')).length).toBeGreaterThan(0);
    const errorsBefore = h.of('error').length;

    const rng = new Rng(2026);
    const sent = 10_000;
    for (let i = 0; i < sent; i++) h.session.receive(malformed(rng));
    await h
      .until(() => h.of('error').length - errorsBefore >= sent, 30_000)
      .catch((e: unknown) => {
        throw new Error(`${h.of('error').length - errorsBefore} errors for ${sent} messages: ${String(e)}`);
      });
    await new Promise((r) => setTimeout(r, 50));
    const errors = h.of('error').slice(errorsBefore);
    expect(errors).toHaveLength(sent);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['command', 'hyperparams', 'import']));
    expect(errors.every((e) => e.recoverable)).toBe(true);
    expect(h.of('status').at(-1)?.step).toBe(2);
    expect(h.of('ready')).toHaveLength(1);
    // G, D, both optimizers (moments and counters), the step, the noise and data position: bitwise as they were.
    expect(stateChanges(await h.state(), before)).toEqual([]);

    // And while it trains: messages keep failing cleanly, steps keep coming.
    h.session.receive({ type: 'start' });
    await h.until(() => (h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0) >= 4);
    for (let i = 0; i < 500; i++) h.session.receive(malformed(rng));
    const at = h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0;
    await h.until(() => (h.of('metrics').at(-1)?.points.at(-1)?.step ?? 0) >= at + 3);
    expect(h.of('error').filter((e) => e.code === 'internal')).toEqual([]);
    expect(h.of('status').at(-1)?.status).toBe('running');
    h.session.receive({ type: 'dispose' });
  }, 120_000);
});
