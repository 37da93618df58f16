import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER, isSoftwareRenderer, verifyBackend } from '../engine/backends/backend';
import type { BackendName, BackendReport } from '../shared/protocol';
import { messageOf } from '../shared/errors';
import { readTrainerWorkerName, wasmPoolSize } from '../shared/workerName';

// tfjs-backend-wasm sizes its thread pool to half of hardwareConcurrency when
// it loads and caps setThreadsCount at that. By default every core but one:
// the page's main thread keeps a core to itself so it is never starved
// (docs/benchmarks.md, "Use all cores"); the worker's name can ask for all.
// Threads need cross-origin isolation, see vite.config.ts; without it tfjs
// falls back to single-threaded SIMD.
const cores = navigator.hardwareConcurrency || 1;
const pool = wasmPoolSize(cores, readTrainerWorkerName((self as unknown as { name: string }).name).allCores);
Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => pool * 2 });

// Served by Vite from our own origin, never from a CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer in ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

async function describeWebGpu(): Promise<{ detail: string; isSoftware: boolean }> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) throw new Error('WebGPU is not enabled in this browser');
  const adapter = await withTimeout(gpu.requestAdapter(), 5000, 'requestAdapter');
  if (!adapter) throw new Error('the browser offers no WebGPU adapter');
  // adapter.info is newer than the @webgpu/types that tfjs pins.
  const info = (adapter as GPUAdapter & { info?: AdapterInfo }).info ?? {};
  const detail = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const isFallback = info.isFallbackAdapter === true || (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { detail, isSoftware: isFallback || isSoftwareRenderer(detail) };
}

function describeWebGl(): { detail: string; isSoftware: boolean } {
  if (typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in workers here');
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) throw new Error('WebGL2 is not available in a worker here');
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { detail: renderer, isSoftware: isSoftwareRenderer(renderer) };
}

async function describeWasm(): Promise<{ detail: string; isSoftware: boolean }> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return { detail: `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? `threads (${pool} of ${cores} cores)` : 'single thread'}`, isSoftware: false };
}

const DESCRIBE: Record<BackendName, () => Promise<{ detail: string; isSoftware: boolean }> | { detail: string; isSoftware: boolean }> = {
  webgpu: describeWebGpu,
  webgl: describeWebGl,
  wasm: describeWasm,
  cpu: () => ({ detail: 'plain JavaScript', isSoftware: false }),
};

/** Checks every backend in preference order: present, which device, correct results. */
export async function detectBackends(only?: BackendName): Promise<BackendReport[]> {
  const reports: BackendReport[] = [];
  for (const name of only ? [only] : BACKEND_ORDER) {
    try {
      const { detail, isSoftware } = await DESCRIBE[name]();
      await withTimeout(verifyBackend(name), 20000, `${name} self-test`);
      reports.push({ name, ok: true, detail, isSoftware });
    } catch (e) {
      reports.push({ name, ok: false, detail: messageOf(e), isSoftware: false });
    }
  }
  return reports;
}

/** What tfjs's GPU backends hold that can die under them. */
interface GpuInternals {
  gpgpu?: { gl: WebGL2RenderingContext };
  device?: GPUDevice;
}

const internals = (name: BackendName) => tf.findBackend(name) as unknown as GpuInternals | null;

/** Reports a lost WebGL context or WebGPU device (driver reset, GPU removed, the browser reclaiming it). */
export function watchBackend(name: BackendName, onLost: (reason: string) => void): void {
  const b = internals(name);
  if (name === 'webgl') b?.gpgpu?.gl.canvas.addEventListener('webglcontextlost', () => onLost('the WebGL context was lost'));
  if (name === 'webgpu') void b?.device?.lost.then((info) => onLost(`the WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`));
}

/** The `loseBackend` fault: what a driver reset does, on purpose. */
export function loseBackend(name: BackendName): void {
  const b = internals(name);
  if (name === 'webgl' && b?.gpgpu) {
    const ext = b.gpgpu.gl.getExtension('WEBGL_lose_context');
    if (!ext) throw new Error('WEBGL_lose_context is not available');
    ext.loseContext();
  } else if (name === 'webgpu' && b?.device) {
    b.device.destroy();
  } else {
    throw new Error(`${name} has no GPU context to lose (the dropKernel fault breaks any backend)`);
  }
}
