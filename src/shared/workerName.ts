// What the training worker must know before tfjs starts travels in its name
// (the only thing a module worker has at load): whether it accepts the test
// hooks, and how big the WASM thread pool is, which tfjs fixes when it loads.

const BASE = 'ganvas-trainer';
const TEST_HOOKS = 'test-hooks';
const ALL_CORES = 'all-cores';

export interface WorkerStart {
  /** Accept the test hooks (`?faults`, shared/testHooks.ts). */
  testHooks: boolean;
  /** Give the WASM pool every core instead of all but one. */
  allCores: boolean;
}

export function trainerWorkerName(start: WorkerStart): string {
  return [BASE, start.testHooks && TEST_HOOKS, start.allCores && ALL_CORES].filter(Boolean).join(' ');
}

/** The worker's reading of its own name; any other name is a plain worker. */
export function readTrainerWorkerName(name: string): WorkerStart {
  const parts = name.split(' ');
  const ours = parts[0] === BASE;
  return { testHooks: ours && parts.includes(TEST_HOOKS), allCores: ours && parts.includes(ALL_CORES) };
}

/** Where the page remembers "Use all cores" (localStorage), read before the worker starts. */
export const ALL_CORES_KEY = 'ganvas-all-cores';

/** Threads the WASM pool gets: all cores but one by default, so the page's main thread keeps one to itself. */
export function wasmPoolSize(cores: number, allCores: boolean): number {
  return allCores ? Math.max(1, cores) : Math.max(1, cores - 1);
}

const LAB_BASE = 'ganvas-lab2d';

/** The 2D lab's worker: the same rule, its own name; only the test hooks travel. */
export const labWorkerName = (testHooks: boolean): string => (testHooks ? `${LAB_BASE} ${TEST_HOOKS}` : LAB_BASE);

export function readLabWorkerName(name: string): { testHooks: boolean } {
  const parts = name.split(' ');
  return { testHooks: parts[0] === LAB_BASE && parts.includes(TEST_HOOKS) };
}
