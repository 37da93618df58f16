import { WASM_KERNELS } from './wasmBytes';

const modules = new Map<string, WebAssembly.Module>();

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * A kernel's compiled module, for an ordinary or a shared memory. Compiled
 * synchronously (each is under 2 kB, far under any engine's limit for that)
 * and once; throws where the engine has no WASM SIMD.
 */
export function compiledKernel(name: keyof typeof WASM_KERNELS, shared: boolean): WebAssembly.Module {
  const key = `${name}/${shared}`;
  let module = modules.get(key);
  if (!module) {
    module = new WebAssembly.Module(bytes(WASM_KERNELS[name][shared ? 'shared' : 'plain']));
    modules.set(key, module);
  }
  return module;
}
