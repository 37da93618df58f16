import { describe, expect, it } from 'vitest';
import { Lab2dSession } from '../../src/engine/lab2d/session';
import type { Lab2dEvent, Lab2dStateDigest } from '../../src/shared/lab2dProtocol';
import { lab2dDefaults } from '../../src/shared/settings';
import { readLab2dLink, writeLab2dLink } from '../../src/page/state/lab2dLink';
import { lab2dProblems } from '../../src/shared/lab2dConfig';
import { LAB2D_PRESETS } from '../../src/shared/lab2dPresets';

function session() {
  const events: { e: Lab2dEvent; transfer: Transferable[] }[] = [];
  const s = new Lab2dSession((e, transfer = []) => events.push({ e, transfer }));
  return { s, events };
}

/** A session that answers the test hooks (a `?faults` worker), and its one lab's state read through them. */
function hooked() {
  const events: { e: Lab2dEvent; transfer: Transferable[] }[] = [];
  const s = new Lab2dSession((e, transfer = []) => events.push({ e, transfer }), undefined, true);
  const state = (): Lab2dStateDigest => {
    s.receive({ type: 'readState' });
    const e = events.at(-1)?.e;
    if (e?.type !== 'stateDigest') throw new Error('no state digest');
    return e.digests[0];
  };
  return { s, events, state };
}

describe('2D lab session', () => {
  it('a reset posts a frame with every view and moves its arrays; layers off leave those views out', () => {
    const { s, events } = session();
    s.receive({ type: 'reset', configs: [{ ...lab2dDefaults(), batchSize: 32 }], drawn: [] });
    const frame = events.find((x) => x.e.type === 'frame');
    if (frame?.e.type !== 'frame') throw new Error('no frame');
    expect(frame.e.frame.heat).toHaveLength(64 * 64 * 4);
    expect(frame.transfer).toContain(frame.e.frame.heat?.buffer);
    s.receive({ type: 'layers', layers: { real: true, fake: true, heatmap: false, mesh: false, arrows: false } });
    const last = events.filter((x) => x.e.type === 'frame').at(-1)?.e;
    expect(last?.type === 'frame' && [last.frame.heat, last.frame.mesh, last.frame.arrows]).toEqual([null, null, null]);
  });

  it('Step D only moves D and not G; a bad command is an error event and changes nothing', () => {
    const { s, events, state } = hooked();
    s.receive({ type: 'reset', configs: [{ ...lab2dDefaults(), batchSize: 32 }], drawn: [] });
    const before = state();
    s.receive({ type: 'step', what: 'd' });
    const metrics = events.filter((x) => x.e.type === 'metrics').at(-1)?.e;
    expect(metrics?.type === 'metrics' && metrics.points.map((p) => p.step)).toEqual([1]);
    const after = state();
    expect(after.step).toBe(1);
    // D and its Adam moved; G, its Adam, its weights' bits: as they were.
    expect(after.d).not.toBe(before.d);
    expect(after.dAdam).not.toBe(before.dAdam);
    expect([after.g, after.gAdam]).toEqual([before.g, before.gAdam]);
    s.receive({ type: 'live', index: 0, params: { gLearningRate: 5 } });
    expect(events.at(-1)?.e).toEqual({ type: 'error', message: expect.stringMatching(/gLearningRate/) });
    s.receive({ type: 'reset', configs: [{ ...lab2dDefaults(), data: 'custom' }], drawn: [0, 0, 1, 1] });
    expect(events.at(-1)?.e).toEqual({ type: 'error', message: expect.stringMatching(/at least 20 points \(you have 2\)/) });
    expect(state()).toEqual(after);
  });

  it('Step G only moves G and not D', () => {
    const { s, state } = hooked();
    s.receive({ type: 'reset', configs: [{ ...lab2dDefaults(), batchSize: 32 }], drawn: [] });
    s.receive({ type: 'step', what: 'both' });
    const before = state();
    s.receive({ type: 'step', what: 'g' });
    const after = state();
    expect(after.step).toBe(2);
    expect(after.g).not.toBe(before.g);
    expect(after.gAdam).not.toBe(before.gAdam);
    expect([after.d, after.dAdam]).toEqual([before.d, before.dAdam]);
  });

  it('the link round-trips both setups and the drawing, and refuses bad values with a reason', () => {
    const a = { ...lab2dDefaults(), data: 'custom' as const, seed: 9, loss: 'hinge' as const, gLearningRate: 0.002 };
    const b = { ...a, unroll: 5 };
    const query = writeLab2dLink([a, b], [0.5, -1.25, 2, 0], '?mode=lab2d');
    expect(readLab2dLink(query)).toEqual({ configs: [a, b], drawn: [0.5, -1.25, 2, 0], problems: [] });
    const bad = readLab2dLink('?mode=lab2d&noise=99&loss=nope');
    expect(bad.configs[0]).toEqual(lab2dDefaults());
    expect(bad.problems).toHaveLength(2);
  });
});

describe('2D lab presets', () => {
  it.each(LAB2D_PRESETS.map((p) => [p.name, p] as const))('%s is a valid setup with one sentence on what to watch', (_, p) => {
    expect(lab2dProblems({ ...lab2dDefaults(), ...p.config })).toEqual({});
    if (p.versus) expect(lab2dProblems({ ...lab2dDefaults(), ...p.config, ...p.versus })).toEqual({});
    expect(p.watch).toMatch(/^[^]+\.$/);
  });

  it('unrolled fixes it is the collapse setup with k = 5 and nothing else changed', () => {
    const [collapse, unrolled] = [LAB2D_PRESETS[0].config, LAB2D_PRESETS[1].config];
    expect({ ...unrolled, unroll: 0 }).toEqual(collapse);
    expect(unrolled.unroll).toBe(5);
  });
});
