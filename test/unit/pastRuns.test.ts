// docs/guide.md: a Reset keeps the replaced run's curves to compare with, the
// last 8 of them, newest first.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/shared/hyperparams';
import type { WorkerEvent } from '../../src/shared/protocol';
import { useApp } from '../../src/page/state/store';
import { useSavedRuns } from '../../src/page/state/savedRunsStore';

const config = defaultConfig('mlp');

/** The worker's 'ready' for a new run, then one metric point for it. */
function newRun(runId: string): void {
  const { apply } = useApp.getState();
  apply({ type: 'ready', runId, config, live: config, backend: 'cpu', reason: 'test', reports: [], trainImages: 60000 } as unknown as WorkerEvent);
  apply({
    type: 'metrics',
    points: [{ step: 1, epoch: 0, dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5 }],
    imgPerSec: 0,
    msPerStep: 0,
    dMs: null,
    gMs: null,
    adam: null,
  });
}

describe('past runs to compare', () => {
  it('keeps the last 8 replaced runs, newest first', () => {
    for (let i = 1; i <= 11; i++) newRun(`run-${i}`);
    expect(useSavedRuns.getState().pastRuns.map((r) => r.runId)).toEqual(['run-10', 'run-9', 'run-8', 'run-7', 'run-6', 'run-5', 'run-4', 'run-3']);
  });
});
