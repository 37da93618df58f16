import type { ModelKind } from '../protocol';

// The exported train.py's --from-generator (see recipe.ts): a ganvas generator
// download (generatorZip.ts: model.json, weights.bin, ganvas.json) read with
// Python's zipfile and numpy, no TensorFlow, and copied into recipeModels.ts's
// Generator. Every weight is matched by name (the manifest lists trainable
// weights first, then BatchNorm's moving statistics), converted from tfjs'
// channels-last layout and checked against the PyTorch parameter's shape.
// Also --sample-z: the generator on given noise, saved as .npy. The Python is
// python/loader.py, imported as text.
import LOADER from './python/loader.py?raw';

/**
 * Each generator's tfjs layers as the loader checks them: the class name, with
 * ":activation" where the layer has one other than linear and ":alpha" for
 * LeakyReLU (test/unit/recipe.test.ts checks these against models/*.ts).
 */
export const TFJS_GENERATOR_LAYERS: Record<ModelKind, string[]> = {
  mlp: ['Dense:relu', 'Dense:tanh', 'Reshape'],
  dcgan: ['Dense', 'Reshape', 'BatchNormalization', 'ReLU', 'Conv2DTranspose', 'BatchNormalization', 'ReLU', 'Conv2DTranspose:tanh'],
  'dcgan-lite': ['Dense', 'Reshape', 'BatchNormalization', 'ReLU', 'Conv2DTranspose', 'BatchNormalization', 'ReLU', 'Conv2DTranspose:tanh'],
  'dcgan-seed': [
    'Dense',
    'Reshape',
    'BatchNormalization',
    'UpSampling2D',
    'Conv2D',
    'BatchNormalization',
    'LeakyReLU:0.2',
    'UpSampling2D',
    'Conv2D',
    'BatchNormalization',
    'LeakyReLU:0.2',
    'Conv2D:tanh',
  ],
};

/** Python source for --from-generator and --sample-z, for one model's Generator. */
export function pythonLoader(kind: ModelKind): string {
  const layers = TFJS_GENERATOR_LAYERS[kind];
  if (layers === undefined) throw new Error(`no generator layers for model ${JSON.stringify(kind)}`);
  return `${LOADER.trimEnd()}\n\n\n# model.json's layers for ${kind} (see layer_signature)\nTFJS_LAYERS = ${JSON.stringify(layers)}\n`;
}
