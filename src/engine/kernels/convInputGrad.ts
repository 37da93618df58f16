import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { HOST_MEMORY, type HostBackend } from './hostMemory';
import { runKernel } from './runKernel';

/**
 * Conv2DBackpropInput (a transposed convolution: every conv2dTranspose layer's
 * forward pass, and every conv2d layer's input gradient) as one stride-1
 * forward Conv2D and a DepthToSpace.
 *
 * With stride s, output row h + top = q·s + r gets contributions only from
 * filter taps k ≡ r (mod s): dx[q·s + r] = Σ_j dy[q - j] · W[r + j·s]. So each
 * of the s×s output phases (r, c) is an ordinary stride-1 correlation of dy
 * with a ⌈k/s⌉-tap sub-filter; stacking the phases as s·s·Ci output channels
 * makes that one Conv2D, and a transpose interleaves the phases back into
 * rows and columns. wasm's own kernel is a scalar loop that took 1.07 s of a
 * 1.7 s DCGAN step; its Conv2D is XNNPACK. No zeros are multiplied when s
 * divides k (DCGAN's k4 s2).
 */
interface Geometry {
  s: number;
  taps: number;
  kh: number;
  kw: number;
  ci: number;
  co: number;
}

/** Filter-index of each entry of the [taps, taps, co, s·s·ci] phase filter, or -1 for a zero. */
function phaseIndex(g: Geometry): Int32Array {
  const { s, taps, kh, kw, ci, co } = g;
  const outC = s * s * ci;
  const idx = new Int32Array(taps * taps * co * outC).fill(-1);
  for (let th = 0; th < taps; th++)
    for (let tw = 0; tw < taps; tw++)
      for (let rh = 0; rh < s; rh++)
        for (let rw = 0; rw < s; rw++) {
          const a = rh + (taps - 1 - th) * s;
          const b = rw + (taps - 1 - tw) * s;
          if (a >= kh || b >= kw) continue;
          for (let o = 0; o < co; o++)
            for (let c = 0; c < ci; c++) {
              idx[((th * taps + tw) * co + o) * outC + (rh * s + rw) * ci + c] = ((a * kw + b) * ci + c) * co + o;
            }
        }
  return idx;
}

function makeKernel(backendName: HostBackend, fallback: KernelConfig): KernelConfig {
  const memory = HOST_MEMORY[backendName];
  const indexCache = new Map<string, Int32Array>();
  const run = (name: string, backend: KernelBackend, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo =>
    runKernel(backendName, name, backend, inputs, attrs);
  return {
    // The replaced kernel's setupFunc binds its wasm functions when the backend starts: keep it, or a backend
    // initialised after this swap calls an unbound function.
    ...fallback,
    kernelName: 'Conv2DBackpropInput',
    backendName,
    kernelFunc: (args) => {
      const backend = args.backend as KernelBackend;
      const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as {
        strides: [number, number] | number;
        pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        inputShape: [number, number, number, number];
      };
      const [kh, kw, ci, co] = filter.shape;
      const info = backend_util.computeConv2DInfo(inputShape, [kh, kw, ci, co], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
      const s = info.strideHeight;
      if (dataFormat !== 'NHWC' || s !== info.strideWidth) return fallback.kernelFunc(args);
      const g: Geometry = { s, taps: Math.ceil(Math.max(kh, kw) / s), kh, kw, ci, co };
      const [n, h, w] = inputShape;
      const { top, left } = info.padInfo;
      const [, oh, ow] = dy.shape;
      // Pad dy by taps-1 before (the correlation looks back) and enough after for the last phase row.
      const bottom = Math.max(0, Math.floor((h + top - 1) / s) + 1 - oh);
      const right = Math.max(0, Math.floor((w + left - 1) / s) + 1 - ow);

      const key = `${kh},${kw},${ci},${co},${s}`;
      let idx = indexCache.get(key);
      if (!idx) indexCache.set(key, (idx = phaseIndex(g)));
      const phaseFilter = memory.output(backend, [g.taps, g.taps, co, s * s * ci]);
      const src = memory.view(backend, filter);
      const dst = memory.view(backend, phaseFilter);
      for (let i = 0; i < idx.length; i++) dst[i] = idx[i] < 0 ? 0 : src[idx[i]];

      const temps: TensorInfo[] = [phaseFilter];
      const keep = (t: TensorInfo): TensorInfo => (temps.push(t), t);
      try {
        const padded = keep(
          run('PadV2', backend, { x: dy }, {
            paddings: [
              [0, 0],
              [g.taps - 1, bottom],
              [g.taps - 1, right],
              [0, 0],
            ],
            constantValue: 0,
          } as unknown as NamedAttrMap),
        );
        const phases = keep(
          run('Conv2D', backend, { x: padded, filter: phaseFilter }, {
            strides: [1, 1],
            pad: 'valid',
            dataFormat: 'NHWC',
            dilations: [1, 1],
          } as unknown as NamedAttrMap),
        );
        // Interleave [n, L, L', s·s·ci] as rows q·s + r: a Transpose (wasm's DepthToSpace is a slow generic loop).
        const [, lh, lw] = phases.shape;
        const grouped = keep(run('Reshape', backend, { x: phases }, { shape: [n * lh, lw, s, s * ci] }));
        const swapped = keep(run('Transpose', backend, { x: grouped }, { perm: [0, 2, 1, 3] }));
        const full = keep(run('Reshape', backend, { x: swapped }, { shape: [n, lh * s, lw * s, ci] }));
        if (full.shape[1] === h && full.shape[2] === w) {
          temps.pop();
          return full;
        }
        return run('Slice', backend, { x: full }, { begin: [0, top, left, 0], size: [n, h, w, ci] });
      } finally {
        for (const t of temps) backend.disposeData(t.dataId);
      }
    },
  };
}

const installed = new Set<HostBackend>();

/** Replaces the backend's Conv2DBackpropInput; a no-op if the backend is not loaded or already patched. */
export function installConvInputGrad(backendName: HostBackend): void {
  if (installed.has(backendName)) return;
  const existing = getKernel('Conv2DBackpropInput', backendName);
  if (!existing) return;
  unregisterKernel('Conv2DBackpropInput', backendName);
  registerKernel(makeKernel(backendName, existing));
  installed.add(backendName);
}
