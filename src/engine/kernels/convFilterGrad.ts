import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { runKernel } from './runKernel';

/**
 * Conv2DBackpropFilter as one forward convolution.
 *
 *   dW[kh,kw,ci,co] = sum over b,oh,ow of x[b, oh*s+kh-top, ow*s+kw-left, ci] * dy[b,oh,ow,co]
 *
 * is a stride-1 convolution, dilated by the stride, of x laid out as
 * [ci, H, W, b] with dy laid out as a [OH, OW, b, co] filter. tfjs-backend-wasm
 * has no Conv2DBackpropFilter at all (conv GANs cannot train there), and the
 * cpu backend's is a scalar loop ~200x slower than its Conv2D; both have a
 * fast Conv2D (XNNPACK on wasm), so this gives both an exact, fast gradient.
 */
function makeKernel(backendName: string, fallback?: KernelConfig): KernelConfig {
  const run = (name: string, backend: KernelBackend, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo =>
    runKernel(backendName, name, backend, inputs, attrs);
  return {
    // The replaced kernel's setupFunc binds its wasm functions when the backend starts: keep it, or a backend
    // initialised after this swap calls an unbound function.
    ...fallback,
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as KernelBackend;
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
        strides: [number, number] | number;
        pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        filterShape: [number, number, number, number];
      };
      if (dataFormat !== 'NHWC') {
        if (!fallback) throw new Error('Conv2DBackpropFilter: only NHWC is supported');
        return fallback.kernelFunc({ inputs, backend, attrs });
      }
      const info = backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        'channelsLast',
      );
      const [kh, kw, ci, co] = filterShape;
      const { top, left } = info.padInfo;
      const sh = info.strideHeight;
      const sw = info.strideWidth;
      // Pad just enough below/right that the dilated window yields kh x kw outputs.
      const bottom = Math.max(0, kh + sh * (info.outHeight - 1) - info.inHeight - top);
      const right = Math.max(0, kw + sw * (info.outWidth - 1) - info.inWidth - left);
      const temps: TensorInfo[] = [];
      const keep = (t: TensorInfo) => (temps.push(t), t);
      const xT = keep(run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] }));
      const dyT = keep(run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
      let out = keep(
        run('Conv2D', backend, { x: xT, filter: dyT }, {
          strides: [1, 1],
          pad: [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dilations: [sh, sw],
        } as unknown as NamedAttrMap),
      );
      if (out.shape[1] !== kh || out.shape[2] !== kw) {
        out = keep(run('Slice', backend, { x: out }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
      }
      const dW = run('Transpose', backend, { x: out }, { perm: [1, 2, 0, 3] });
      for (const t of temps) backend.disposeData(t.dataId);
      return dW;
    },
  };
}

const installed = new Set<string>();

/** Replaces (cpu) or adds (wasm) Conv2DBackpropFilter. Idempotent. */
export function installConvFilterGrad(backendName: 'cpu' | 'wasm'): void {
  if (installed.has(backendName)) return;
  const existing = getKernel('Conv2DBackpropFilter', backendName);
  if (existing) unregisterKernel('Conv2DBackpropFilter', backendName);
  registerKernel(makeKernel(backendName, existing));
  installed.add(backendName);
}
