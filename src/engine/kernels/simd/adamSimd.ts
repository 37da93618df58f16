import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';
import type { AdamScalars } from '../adamUpdate';
import { compiledKernel } from './compiledKernel';

/** adam.wat's export: byte offsets into the imported memory, the count, then the scalars. */
type AdamExport = (...args: number[]) => void;

/** What tfjs-backend-wasm exposes of its emscripten module: the threaded build's memory, or the plain build's export. */
interface WasmBackendLike {
  wasm?: { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory } };
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
}

const instances = new WeakMap<WebAssembly.Memory, AdamExport | null>();

/** adam.wat instantiated on `memory` (the build that matches its kind); null where this engine has no WASM SIMD. */
export function adamOn(memory: WebAssembly.Memory): AdamExport | null {
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let fn: AdamExport | null;
  try {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = compiledKernel('adam', shared);
    fn = new WebAssembly.Instance(module, { env: { memory } }).exports.adam as AdamExport;
  } catch {
    // A browser without WASM SIMD: tfjs runs its non-SIMD build there too, and the JS loop stands in.
    fn = null;
  }
  instances.set(memory, fn);
  return fn;
}

/** The SIMD update for the wasm backend's tensors, or null (then the caller's JS loop runs). */
export function simdAdam(backend: KernelBackend): ((ins: TensorInfo[], outs: TensorInfo[], p: AdamScalars) => void) | null {
  const b = backend as unknown as WasmBackendLike;
  const memory = b.wasm?.wasmMemory ?? b.wasm?.asm?.memory;
  const fn = memory ? adamOn(memory) : null;
  if (!fn) return null;
  const at = (t: TensorInfo): number => {
    const offset = b.dataIdMap.get(t.dataId)?.memoryOffset;
    if (offset === undefined) throw new Error('Adam: a tensor is not in the wasm heap');
    return offset;
  };
  return (ins, outs, p) => {
    const n = ins[0].shape.reduce((a, d) => a * d, 1);
    fn(...ins.map(at), ...outs.map(at), n, p.lr, p.beta1, 1 - p.beta1, p.beta2, 1 - p.beta2, p.epsilon, p.c1, p.c2);
  };
}
