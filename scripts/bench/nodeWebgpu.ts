// `npm run bench -- --node-webgpu`: the engine's WebGPU backend in Node, on
// whatever adapter Dawn (the `webgpu` package) finds, with no browser. It
// makes the GPU path measurable on a machine without Chromium's GPU process,
// and names the adapter so a figure is never mistaken for another device's.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { create, globals } from 'webgpu';
import { verifyBackend, isSoftwareRenderer } from '../../src/engine/backends/backend';
import { GanTrainer } from '../../src/engine/tasks/generate/trainer';
import { defaultConfig } from '../../src/shared/hyperparams';
import { MODEL_LABELS } from '../../src/shared/choices/models';
import type { ModelKind } from '../../src/shared/protocol';
import { mnistTrain } from '../../test/unit/mnistData';

/** Debian's Chromium ships SwiftShader as a Vulkan driver: a software adapter, used only when no other is found. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Steps between loss read-backs, as the app does on a GPU (a read-back stalls the queue). */
const READ_EVERY = 10;

export interface NodeWebgpuOptions {
  models: ModelKind[];
  /** Measurement window per model, seconds. */
  seconds: number;
  /** Training before the window opens, seconds (shader compiles happen in the first steps). */
  warmup: number;
}

interface Adapter {
  name: string;
  isSoftware: boolean;
  how: string;
}

type Gpu = ReturnType<typeof create>;

function describe(adapter: GPUAdapter): string {
  const info = (adapter as GPUAdapter & { info?: Partial<GPUAdapterInfo> }).info ?? {};
  return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
}

/** The system's adapter if Dawn finds one; else Chromium's SwiftShader, said to be software. */
export async function findAdapter(log: (m: string) => void): Promise<{ gpu: Gpu; adapter: Adapter } | null> {
  let gpu = create([]);
  let found = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  let how = 'the system Vulkan driver';
  if (!found && !process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    log(`no adapter from the system's drivers; trying Chromium's SwiftShader (${SWIFTSHADER_ICD})`);
    // The Vulkan loader reads this at each instance creation, so a second create() sees it.
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    gpu = create([]);
    found = await gpu.requestAdapter();
    how = "Chromium's SwiftShader Vulkan driver (software, on the CPU)";
  }
  if (!found) return null;
  const name = describe(found);
  return { gpu, adapter: { name, isSoftware: isSoftwareRenderer(name), how } };
}

/** tfjs-backend-webgpu registers itself on import only where `navigator.gpu` exists. */
export async function installWebgpuBackend(gpu: Gpu): Promise<void> {
  Object.assign(globalThis, globals);
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { configurable: true, value: gpu });
  else Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { gpu } });
  await import('@tensorflow/tfjs-backend-webgpu');
  await verifyBackend('webgpu');
}

interface ModelSpeed {
  model: ModelKind;
  firstStepSec: number;
  imgPerSec: number;
  msPerStep: number;
  tensorsAfter: number;
}

export async function measure(model: ModelKind, opts: NodeWebgpuOptions, log: (m: string) => void): Promise<ModelSpeed> {
  const tensorsBefore = tf.memory().numTensors;
  const trainer = new GanTrainer(defaultConfig(model), mnistTrain());
  let timing: Omit<ModelSpeed, 'model' | 'tensorsAfter'>;
  try {
    const t0 = performance.now();
    await trainer.step();
    const firstStepSec = (performance.now() - t0) / 1000;
    log(`${model}: first step ${firstStepSec.toFixed(1)} s`);
    const warmEnd = performance.now() + opts.warmup * 1000;
    while (performance.now() < warmEnd) await trainer.steps(READ_EVERY);
    let steps = 0;
    const start = performance.now();
    const end = start + opts.seconds * 1000;
    while (performance.now() < end) {
      await trainer.steps(READ_EVERY);
      steps += READ_EVERY;
    }
    const ms = (performance.now() - start) / steps;
    timing = { firstStepSec, msPerStep: ms, imgPerSec: (trainer.config.batchSize * 1000) / ms };
  } finally {
    trainer.dispose();
  }
  return { model, ...timing, tensorsAfter: tf.memory().numTensors - tensorsBefore };
}

/** Prints img/s per model on the adapter Dawn finds, or says plainly that there is none. Returns false when none. */
export async function runNodeWebgpu(opts: NodeWebgpuOptions, log: (m: string) => void): Promise<boolean> {
  const found = await findAdapter(log);
  if (!found) {
    console.log(
      "--node-webgpu: Dawn found no WebGPU adapter on this machine (no Vulkan driver that supports WebGPU, and no SwiftShader), so there is nothing to measure. It needs the Vulkan loader (Debian: apt-get install libvulkan1) and a driver, e.g. the SwiftShader one Debian's Chromium ships.",
    );
    return false;
  }
  const { gpu, adapter } = found;
  await installWebgpuBackend(gpu);
  console.log(
    `WebGPU in Node (Dawn, webgpu package): ${adapter.name}, through ${adapter.how}${adapter.isSoftware ? ' (software: not a GPU; figures say nothing of a real one)' : ''}\n`,
  );
  console.log('| model | batch | img/s | ms/step | first step (s) | tensors left after dispose |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const model of opts.models) {
    const r = await measure(model, opts, log);
    console.log(
      `| ${MODEL_LABELS[model]} | ${defaultConfig(model).batchSize} | ${r.imgPerSec.toFixed(1)} | ${r.msPerStep.toFixed(1)} | ${r.firstStepSec.toFixed(1)} | ${r.tensorsAfter} |`,
    );
  }
  return true;
}
