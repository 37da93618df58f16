import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendReport, RunConfig } from '../protocol';
import { BackendError, pickBackend, worthProbing } from './backend';
import type { ImageSet } from './data/mnist';
import { MODEL_LABELS } from './modelNames';
import { probeTraining } from './probe';

export interface BackendChoice {
  name: BackendName;
  reason: string;
  reports: BackendReport[];
}

// Per backend, after its warm-up step: enough for a stable rate, and the whole probe stays under ~3 s.
const PROBE_BUDGET_MS = 400;

/**
 * Probes every backend worth trying with a throwaway copy of the model and
 * keeps the fastest. Results are cached per model and batch size for the session.
 */
export async function chooseForModel(
  cache: Map<string, BackendChoice>,
  detected: BackendReport[],
  config: RunConfig,
  data: ImageSet,
  progress: (msg: string) => void,
): Promise<BackendChoice> {
  const key = `${config.model}/${config.batchSize}/${config.backend ?? 'auto'}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const reports = detected.map((r) => ({ ...r }));
  const forced = config.backend;
  const started = performance.now();
  let probed = 0;
  for (const r of reports) {
    if (forced && r.name !== forced) continue;
    if (!forced && !worthProbing(r, config.model, reports)) continue;
    progress(`Probing ${MODEL_LABELS[config.model]} on ${r.name}…`);
    probed++;
    try {
      await tf.setBackend(r.name);
      const result = await probeTraining({ ...config, backend: r.name }, data, PROBE_BUDGET_MS);
      r.imgPerSec = result.imgPerSec;
    } catch (e) {
      r.ok = false;
      r.detail = `cannot train ${MODEL_LABELS[config.model]}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  let choice: BackendChoice;
  if (forced) {
    const r = reports.find((x) => x.name === forced);
    if (!r?.ok) throw new BackendError(`backend ${forced} was requested but does not work here: ${r?.detail ?? 'not available'}`);
    choice = { name: forced, reason: `chosen by ?backend=${forced}`, reports };
  } else {
    choice = { ...pickBackend(reports), reports };
  }
  if (probed > 1) choice.reason += ` (probed ${probed} backends in ${((performance.now() - started) / 1000).toFixed(1)} s)`;
  cache.set(key, choice);
  return choice;
}
