import { installChannelSums } from './channelSums';
import { installConvFilterGrad } from './convFilterGrad';
import { installConvInputGrad } from './convInputGrad';
import { installWasmKernels } from './wasmKernels';

/** ganvas's exact replacements for the cpu and wasm kernels tfjs runs slowly or lacks (each install is idempotent). */
export function installFastKernels(): void {
  installConvFilterGrad('cpu');
  installConvFilterGrad('wasm');
  installConvInputGrad('cpu');
  installChannelSums('cpu');
  installChannelSums('wasm');
  installConvInputGrad('wasm');
  installWasmKernels();
}
