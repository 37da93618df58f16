import { strFromU8, strToU8, zipSync } from 'fflate';
import { MODEL_LABELS } from '../choices/models';
import { TASK_LABELS, TASKS } from '../tasks';
import { unzipWithin } from '../limits/zipLimits';
import type { ExportMeta } from '../protocol';

// No tfjs here: the main thread zips what the worker exported.

function input(meta: ExportMeta): string {
  if (!meta.numClasses) return `Input: noise z of shape [n, ${meta.latentSize}] drawn from N(0, 1).`;
  return `Input: [n, ${meta.latentSize + meta.numClasses}]: noise z of ${meta.latentSize} values drawn from N(0, 1), followed by a ${meta.numClasses}-way one-hot of the class (the digit) to draw.`;
}

function example(meta: ExportMeta): string {
  const z = `tf.randomNormal([16, ${meta.latentSize}])`;
  return meta.numClasses ? `tf.concat([${z}, tf.oneHot(tf.fill([16], 7, 'int32'), ${meta.numClasses}).toFloat()], 1) // sixteen 7s` : z;
}

/** An application's generator: images in, images out. */
function taskReadme(meta: ExportMeta & { task: NonNullable<ExportMeta['task']> }): string {
  const shape = (s?: number[]) => `[n, ${(s ?? []).join(', ')}]`;
  return `# ganvas generator: ${TASK_LABELS[meta.task]}

Trained in the browser with ganvas for ${meta.step} steps on ${meta.dataset} (seed ${meta.seed}).
Input: ${shape(meta.inputShape)}, values in [-1, 1]: ${TASKS[meta.task].downloadInput}.
Output: ${shape(meta.outputShape)}; clip to [-1, 1], then pixels are (v + 1) * 127.5.

## Node
    npx tsx scripts/generate.ts this-file.zip --input picture.png --out result.png
(in a ganvas checkout) reads a PNG of the input's size, runs the generator and writes input and output side by side.

## Browser
    const model = await tf.loadLayersModel('/path/to/model.json'); // weights.bin beside it
    const images = model.predict(input); // input: ${shape(meta.inputShape)}

## Python
No PyTorch recipe covers the applications yet: convert with tensorflowjs_converter (--output_format=keras) to use it from Keras.

ganvas.json holds the task, the shapes, the step, the data set, the seed and the hyperparameters.
`;
}

function readme(meta: ExportMeta): string {
  if (meta.task) return taskReadme({ ...meta, task: meta.task });
  return `# ganvas generator: ${MODEL_LABELS[meta.model]}

Trained in the browser with ganvas for ${meta.step} steps on ${meta.dataset} (seed ${meta.seed}${meta.loss ? `, ${meta.loss} loss` : ''}).
${input(meta)}
Output: images of shape [n, 28, 28, 1] with values in [-1, 1] (map to pixels with (v + 1) * 127.5).

## Browser
    const model = await tf.loadLayersModel('/path/to/model.json'); // weights.bin beside it
    const images = model.predict(${example(meta)});

## Node
    import * as tf from '@tensorflow/tfjs';
    import { readFileSync } from 'node:fs';
    const json = JSON.parse(readFileSync('model.json', 'utf8'));
    const weights = readFileSync('weights.bin');
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }));

## Python (PyTorch, no TensorFlow needed)
${meta.numClasses ? 'Not for conditional generators: the PyTorch recipe knows only unconditional models.\n' : ''}In ganvas, a run of the same model: Runs > Export PyTorch recipe (train.py). Then
    python train.py --from-generator this-file.zip --steps 0 --out out
checks this zip, converts the weights to PyTorch's layout and writes out/generator.pt:
    G = Generator(); G.load_state_dict(torch.load("out/generator.pt")); G.eval()

## Python (Keras)
    pip install tensorflowjs
    tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json generator.h5
    # then: keras.models.load_model('generator.h5').predict(${meta.numClasses ? `np.concatenate([np.random.randn(16, ${meta.latentSize}), np.eye(${meta.numClasses})[np.full(16, 7)]], 1)` : `np.random.randn(16, ${meta.latentSize})`})

ganvas.json holds the architecture, latent size, step, dataset, seed and hyperparameters.
`;
}

export function buildGeneratorZip(modelJson: string, weights: ArrayBuffer, meta: ExportMeta): Uint8Array {
  return zipSync({
    'model.json': strToU8(modelJson),
    'weights.bin': new Uint8Array(weights),
    'ganvas.json': strToU8(JSON.stringify(meta, null, 2)),
    'README.md': strToU8(readme(meta)),
  });
}

export interface GeneratorFiles {
  modelJson: string;
  weights: ArrayBuffer;
  meta: ExportMeta;
}

/** A file that is not a generator this app can open; the message says why. */
export class GeneratorFileError extends Error {
  override name = 'GeneratorFileError';
}

/** What each file may claim to unpack to (see zipLimits.ts). */
const MAX_BYTES: Record<string, number> = { 'model.json': 8 << 20, 'weights.bin': 512 << 20, 'ganvas.json': 1 << 20 };

export function readGeneratorZip(bytes: Uint8Array): GeneratorFiles {
  const files = unzipWithin(bytes, MAX_BYTES, (message) => {
    throw new GeneratorFileError(message);
  });
  for (const name of Object.keys(MAX_BYTES)) {
    if (!files[name]) throw new GeneratorFileError(`not a ganvas generator: ${name} is missing from the zip`);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(strFromU8(files['ganvas.json']));
  } catch {
    throw new GeneratorFileError('ganvas.json is not valid JSON');
  }
  const m = meta as Partial<ExportMeta> & { kind?: unknown };
  if (m?.app !== 'ganvas') throw new GeneratorFileError('not a ganvas generator: ganvas.json does not say app "ganvas"');
  if (m.kind === 'run') throw new GeneratorFileError('this is a whole run, not a generator: open it with "Import run"');
  if (m.version !== 1) throw new GeneratorFileError(`made by a different version of ganvas (generator format ${String(m.version)}; this version reads 1)`);
  const w = files['weights.bin'];
  return {
    modelJson: strFromU8(files['model.json']),
    weights: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer,
    meta: m as ExportMeta,
  };
}

export function generatorFileName(meta: ExportMeta): string {
  return `ganvas-${meta.task ?? meta.model}-${meta.dataset}-step${meta.step}.zip`;
}
