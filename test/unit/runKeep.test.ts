import { describe, expect, it } from 'vitest';
import { keepProblem, overKeep, roomFrom, type KeptRun } from '../../src/shared/formats/runKeep';

/** Run i saved at minute i: a higher number is newer. */
const run = (i: number, marks: Partial<KeptRun> = {}): KeptRun => ({
  runId: `r${i}`,
  savedAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00Z`,
  pinned: false,
  setAside: null,
  ...marks,
});

describe('which runs a save sets aside', () => {
  it('the oldest beyond the keep count goes first; six stay by default', () => {
    const runs = [3, 1, 7, 5, 2, 6, 4].map((i) => run(i));
    expect(overKeep(runs, 6, 'r7')).toEqual(['r1']);
    expect(overKeep(runs, 3, 'r7')).toEqual(['r4', 'r3', 'r2', 'r1']);
  });

  it('a run marked Keep counts but is never chosen: the oldest not marked goes instead', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7].map((i) => run(i, { pinned: i === 1 }));
    expect(overKeep(runs, 6, 'r7')).toEqual(['r2']);
    expect(overKeep(runs, 2, 'r7')).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    expect(
      overKeep(
        runs.map((r) => ({ ...r, pinned: true })),
        1,
        'r7',
      ),
    ).toEqual([]);
  });

  it('the run being saved is never chosen, and runs already set aside are not counted twice', () => {
    const runs = [1, 2, 3].map((i) => run(i, { setAside: i === 3 ? { at: 'x', reason: 'keep' } : null }));
    expect(overKeep(runs, 1, 'r1')).toEqual(['r2']);
    expect(overKeep(runs, 2, 'r1')).toEqual([]);
    expect(overKeep(runs, 1)).toEqual(['r1']);
  });

  it('full storage offers the oldest run not marked Keep, never the current one, and one at a time', () => {
    expect(roomFrom([run(1, { pinned: true }), run(2), run(3)], 'r3')).toBe('r2');
    expect(roomFrom([run(1, { pinned: true }), run(2)], 'r2')).toBeNull();
    expect(roomFrom([run(1), run(2, { setAside: { at: 'x', reason: 'space' } }), run(3)], 'r3')).toBeNull();
  });

  it('the keep count is a whole number from 1 to 50', () => {
    expect(keepProblem(6)).toBeUndefined();
    expect(keepProblem(0)).toMatch(/from 1 to 50/);
    expect(keepProblem(2.5)).toMatch(/whole/);
  });
});
