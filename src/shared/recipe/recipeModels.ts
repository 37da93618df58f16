import type { ModelKind } from '../protocol';
import { DCGAN_WIDTH } from '../choices/models';

// PyTorch versions of src/engine/models/*.ts for the exported recipe, layer
// for layer (scripts/bench/torch_baseline.py checks the same translation).
// The Python lives in python/models_*.py (and python/init.py, the engine's
// initializers from models/init.ts, shared by all three), imported as text.
// Differences of convention the comments below account for:
// - tfjs is NHWC, PyTorch NCHW: the same layers, the weights laid out differently.
// - Keras BatchNormalization(momentum=m) keeps m of the old statistic; PyTorch's
//   momentum is the share of the new batch, so it is 1 - m. tfjs' epsilon is 1e-3 unless set.
// - Biases start at zero in tfjs (PyTorch draws them), kernels as the engine's init.ts.
import INIT from './python/init.py?raw';
import DCGAN from './python/models_dcgan.py?raw';
import DCGAN_SEED from './python/models_dcgan_seed.py?raw';
import MLP from './python/models_mlp.py?raw';

// DCGAN-lite is DCGAN-28 at another width (models/dcgan.ts's DCGAN_WIDTH).
const dcganAt = (width: number) => `WIDTH = ${width}\n\n${DCGAN}`;
const SOURCES: Record<ModelKind, string> = {
  mlp: MLP,
  dcgan: dcganAt(DCGAN_WIDTH.dcgan),
  'dcgan-lite': dcganAt(DCGAN_WIDTH['dcgan-lite']),
  'dcgan-seed': DCGAN_SEED,
};

/** Python source defining `Generator` and `Discriminator` for one model (and what they need). */
export function pythonModels(kind: ModelKind): string {
  const source = SOURCES[kind];
  if (source === undefined) throw new Error(`no PyTorch recipe for model ${JSON.stringify(kind)}`);
  return (INIT + '\n' + source).trim();
}
