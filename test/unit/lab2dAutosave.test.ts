// The 2D lab's autosave runs on the loop's clock in its worker: the worker keeps each chart's
// points and measurements, so a save (every 15 s while training, and on pause) needs nothing
// from the page (which only writes the bytes), and the stored run resumes bit for bit with the
// charts the page was shown.
import { describe, expect, it } from 'vitest';
import { Lab2dSession } from '../../src/engine/lab2d/session';
import { LAB_AUTOSAVE_MS } from '../../src/engine/lab2d/record';
import { KEEP_EVERY } from '../../src/engine/loop/clock';
import type { Lab2dEvent, Lab2dStateDigest } from '../../src/shared/lab2dProtocol';
import type { MetricPoint } from '../../src/shared/protocol';
import { packPoints } from '../../src/shared/metricHistory';
import { lab2dDefaults } from '../../src/shared/settings';

const config = { ...lab2dDefaults(), batchSize: 16, gWidth: 8, dWidth: 8 };

/** A lab worker's session on a fake clock (each reading 0.05 ms on), handing its autosaves to `store`. */
function worker(store: (bytes: Uint8Array, step: number) => void) {
  let t = 0;
  const events: Lab2dEvent[] = [];
  const s = new Lab2dSession(
    (e) => events.push(e),
    () => (t += 0.05),
    true,
    store,
  );
  const state = (): Lab2dStateDigest[] => {
    s.receive({ type: 'readState' });
    const e = events.at(-1);
    if (e?.type !== 'stateDigest') throw new Error('no state digest');
    return e.digests;
  };
  const shown = (): MetricPoint[] => events.flatMap((e) => (e.type === 'metrics' && e.index === 0 ? e.points : []));
  const later = (ms: number) => (t += ms);
  return { s, events, state, shown, later };
}

interface Save {
  bytes: Uint8Array;
  step: number;
  digests: Lab2dStateDigest[];
  shown: MetricPoint[];
}

/** Drives `w` and keeps each save as the worker stored it, with the run's state and the chart at that moment. */
function saving() {
  const saves: Save[] = [];
  const w = worker((bytes, step) => saves.push({ bytes, step, digests: w.state(), shown: w.shown() }));
  return { ...w, saves };
}

describe("the 2D lab's autosave, on the loop's clock in its worker", () => {
  it('saves every 15 s while training and on pause, with the charts; a stored run resumes bit for bit', () => {
    const w = saving();
    w.s.receive({ type: 'reset', configs: [config], drawn: [] });
    w.s.receive({ type: 'run', running: true });
    w.s.tick();
    expect(w.saves).toHaveLength(0);
    w.later(LAB_AUTOSAVE_MS);
    w.s.tick();
    expect(w.saves).toHaveLength(1);
    expect(w.saves[0].step).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) w.s.tick();
    expect(w.saves).toHaveLength(1);
    w.s.receive({ type: 'run', running: false });
    expect(w.saves).toHaveLength(2);
    const paused = w.saves[1];
    expect(paused.digests[0].step).toBe(paused.step);
    expect(paused.shown.at(-1)?.step).toBe(paused.step);
    // Pausing again at the stored step stores nothing new.
    w.s.receive({ type: 'run', running: true });
    w.s.receive({ type: 'run', running: false });
    expect(w.saves).toHaveLength(2);

    const resumed = worker(() => {});
    resumed.s.receive({ type: 'openRun', bytes: paused.bytes });
    expect(resumed.state()).toEqual(paused.digests);
    const opened = resumed.events.find((e) => e.type === 'opened');
    if (opened?.type !== 'opened') throw new Error('not opened');
    expect(opened.histories[0]).toEqual(packPoints(paused.shown));
  });

  it('a rollback stores the rolled-back run, its chart trimmed as the page trims its own', () => {
    const w = saving();
    w.s.receive({ type: 'reset', configs: [{ ...config, optimizer: 'sgd', loss: 'lsgan', gLearningRate: 1e-3, dLearningRate: 1e-3 }], drawn: [] });
    for (let i = 0; i < KEEP_EVERY + 20; i++) w.s.receive({ type: 'step', what: 'both' });
    w.s.receive({ type: 'step', what: 'd' });
    w.s.receive({ type: 'step', what: 'phase' });
    w.s.receive({ type: 'live', index: 0, params: { gLearningRate: 1, dLearningRate: 1 } });
    w.s.receive({ type: 'run', running: true });
    for (let i = 0; i < 200 && w.s.isRunning; i++) w.s.tick();
    const rolled = w.events.find((e) => e.type === 'rolledBack');
    expect(rolled?.type === 'rolledBack' && rolled.step).toBe(KEEP_EVERY);
    const save = w.saves.at(-1);
    expect(save?.step).toBe(KEEP_EVERY);
    expect(save?.shown.every((p) => Number.isFinite(p.dLoss))).toBe(true);
    const resumed = worker(() => {});
    resumed.s.receive({ type: 'openRun', bytes: save?.bytes ?? new Uint8Array() });
    const opened = resumed.events.find((e) => e.type === 'opened');
    const rows = opened?.type === 'opened' ? opened.histories[0] : null;
    expect(rows?.at(-6)).toBe(KEEP_EVERY);
  });
});
