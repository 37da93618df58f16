import { create } from 'zustand';
import { ALL_CORES_KEY as KEY } from '../../shared/workerName';

// The WASM thread pool's size is fixed when the worker loads tfjs, so the
// choice is remembered for the next start too (per browser, like a device setting).

function remembered(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export interface CoresState {
  /** Train on every core (the default leaves one to the page). */
  allCores: boolean;
  /** A restart onto the other pool is under way. */
  switching: boolean;
}

export const useCores = create<CoresState>(() => ({ allCores: remembered(), switching: false }));

export function rememberAllCores(allCores: boolean): void {
  try {
    localStorage.setItem(KEY, allCores ? '1' : '0');
  } catch {
    // private mode: the choice holds for this page only
  }
  useCores.setState({ allCores });
}
