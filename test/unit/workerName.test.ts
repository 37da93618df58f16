// What the page tells the training worker before tfjs loads travels in its name: it must read back exactly.
import { describe, expect, it } from 'vitest';
import { readTrainerWorkerName, trainerWorkerName, wasmPoolSize } from '../../src/shared/workerName';

describe('the training worker name', () => {
  it('reads back what the page started it with, for every combination', () => {
    for (const testHooks of [false, true]) {
      for (const allCores of [false, true]) expect(readTrainerWorkerName(trainerWorkerName({ testHooks, allCores }))).toEqual({ testHooks, allCores });
    }
  });

  it('a worker under any other name gets neither the test hooks nor every core', () => {
    for (const name of ['', 'ganvas-saver', 'test-hooks all-cores', 'ganvas-trainerx test-hooks'])
      expect(readTrainerWorkerName(name)).toEqual({ testHooks: false, allCores: false });
  });

  it('the pool keeps one core for the page unless asked for all, and never has none', () => {
    expect([1, 2, 4, 8].map((c) => wasmPoolSize(c, false))).toEqual([1, 1, 3, 7]);
    expect([1, 2, 4, 8].map((c) => wasmPoolSize(c, true))).toEqual([1, 2, 4, 8]);
    expect(wasmPoolSize(0, false)).toBe(1);
  });
});
