// The bench's reference page: ?model=&backend=&seconds=&warmup=. Trains on the
// page's main thread with plain tfjs Layers (see gan.ts), times the first step
// alone, warms up, then times a window, and leaves the numbers on `window`.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER } from '../../../src/engine/backends/backend';
import { BatchSampler } from '../../../src/engine/data/batches';
import { MNIST_FILES, parseIdxImages } from '../../../src/engine/data/mnist';
import { defaultConfig } from '../../../src/shared/hyperparams';
import { installConvFilterGrad } from '../../../src/engine/kernels/convFilterGrad';
import { MODEL_LABELS } from '../../../src/shared/choices/models';
import { Rng } from '../../../src/shared/rng';
import type { BackendName, ModelKind } from '../../../src/shared/protocol';
import { buildKerasGan, trainStep } from './gan';
import type { PageReport } from './types';
import { messageOf } from '../../../src/shared/errors';

function param<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = new URLSearchParams(location.search).get(name) ?? fallback;
  if (!allowed.includes(v as T)) throw new Error(`?${name}=${v}: choose from ${allowed.join(', ')}`);
  return v as T;
}

function seconds(name: string, fallback: number): number {
  const raw = new URLSearchParams(location.search).get(name);
  const v = raw === null ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new Error(`?${name}=${raw}: expected seconds >= 0`);
  return v;
}

async function describe(backend: BackendName): Promise<string> {
  if (backend === 'webgl') {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? `WebGL: ${String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER))}` : 'WebGL';
  }
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return `WASM: ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'threads' : 'single thread'}`;
  }
  if (backend === 'webgpu') {
    const adapter = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    // adapter.info is newer than the @webgpu/types that tfjs pins.
    const info = (adapter as (GPUAdapter & { info?: Record<string, string | undefined> }) | null | undefined)?.info;
    return `WebGPU: ${[info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter'}`;
  }
  return 'CPU: plain JavaScript';
}

/** A macrotask turn: lets the bench read progress (and the page paint). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** How often the loop yields. On wasm/cpu a trainOnBatch settles in microtasks, so it otherwise never would. */
const YIELD_EVERY_MS = 250;

async function run(): Promise<void> {
  const model = param('model', Object.keys(MODEL_LABELS) as ModelKind[], 'mlp');
  const backend = param('backend', BACKEND_ORDER, 'webgl');
  const windowSec = seconds('seconds', 10);
  const warmupSec = seconds('warmup', 3);
  const { batchSize, seed } = defaultConfig(model);
  const report: PageReport = {
    phase: 'loading',
    detail: '',
    batchSize,
    firstStart: null,
    firstEnd: null,
    windowStart: null,
    steps: [],
    peakTensors: 0,
    losses: null,
  };
  window.__referenceProgress = report;

  // Served from our own origin; the page is cross-origin isolated like the
  // app (vite.config.ts here), so WASM runs threaded as ganvas's does.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  report.detail = await describe(backend);
  // tfjs-backend-wasm has no Conv2DBackpropFilter: without the engine's, the conv models cannot train on wasm at all.
  if (backend === 'wasm') installConvFilterGrad('wasm');

  // The same MNIST file the app trains on, served from the repo's public/.
  const file = MNIST_FILES.trainImages;
  const res = await fetch(`data/mnist/${file}`);
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  const sampler = new BatchSampler(parseIdxImages(new Uint8Array(await res.arrayBuffer()), file), new Rng(seed), batchSize);

  const gan = buildKerasGan(model);
  let yielded = performance.now();
  const step = async (): Promise<number> => {
    if (performance.now() - yielded >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      yielded = performance.now();
    }
    const s = await trainStep(gan, sampler.next());
    report.peakTensors = Math.max(report.peakTensors, s.tensors);
    report.losses = { d: s.dLoss, g: s.gLoss };
    const end = performance.now();
    if (report.firstEnd !== null) report.steps.push({ end, dMs: s.dMs, gMs: s.gMs });
    return end;
  };

  // First step alone: it compiles shaders / kernels and creates Adam's slots.
  report.phase = 'first step';
  report.firstStart = performance.now();
  report.firstEnd = await step();

  report.phase = 'warm-up';
  const warmEnd = report.firstEnd + warmupSec * 1000;
  let now = report.firstEnd;
  while (now < warmEnd) now = await step();

  report.phase = 'window';
  report.windowStart = now;
  const windowEnd = now + windowSec * 1000;
  while (now < windowEnd) now = await step();

  report.phase = 'done';
  window.__referenceResult = report;
}

run().catch((e: unknown) => {
  window.__referenceError = messageOf(e);
});
