import * as tf from '@tensorflow/tfjs';
import { SessionData } from './data';
import { Backends } from './backends';
import { classify, isRefusal } from './errors';
import { digestState } from './stateDigest';
import type { SessionIO } from './io';
import { InsideViews } from '../inside/views';
import { LastGood } from '../train/lastGood';
import { Autosave, RunRecord } from '../runfile/runRecord';
import { applyRun, readRunFor } from '../runfile/checkpoint';
import { QualityMonitor } from '../quality/monitor';
import { generatorExport } from '../export/export';
import { adamKernel } from '../kernels/adamUpdate';
import { recommendModel } from '../backends/backend';
import { BackendFailure, salvage } from '../backends/failover';
import type { LoopServices } from '../loop/services';
import type { SessionTask } from '../loop/plugin';
import type { TaskRegistry } from '../loop/registry';

/** The loop's tfjs side for one session: its I/O from the host, its tasks from the registry, the run's task from the loop. */
export function tfjsServices(io: SessionIO, tasks: TaskRegistry, live: () => SessionTask | null): LoopServices {
  const progress = (message: string) => io.post({ type: 'progress', message });
  const data = new SessionData(io.loadData.bind(io), io.decodeImage);
  const backends = new Backends(io);
  const record = new RunRecord();
  const inside = new InsideViews(
    (e, t) => io.post(e, t),
    io.encodePng,
    () => live()?.fromNoise ?? null,
    () => io.yieldToEvents(),
    (dataset) => data.testSet(dataset, progress),
    tasks.openable,
  );
  return {
    data,
    backends,
    record,
    inside,
    lastGood: new LastGood(),
    autosave: new Autosave(io),
    quality: new QualityMonitor(io.loadQuality?.bind(io)),
    memory: () => tf.memory(),
    adamKernel,
    breakRun(kind, task) {
      if (kind === 'nan') {
        const w = task().parts()[0].model.weights[0];
        tf.tidy(() => void w.write(tf.fill(w.shape as number[], NaN)));
      } else {
        // Every model has a ReLU: the next step cannot run here.
        tf.unregisterKernel('Relu', backends.name);
      }
    },
    digest: digestState,
    exportGenerator: generatorExport,
    readRun: (bytes, dataFor, current) => readRunFor(bytes, dataFor, current, tasks),
    applyRun,
    salvage: (task, from, deviceGone) => salvage(task, record, from, deviceGone),
    recommendModel,
    classify,
    isRefusal,
    backendFailure: (e) => (e instanceof BackendFailure ? e.message : null),
  };
}
