import * as tf from '@tensorflow/tfjs';
import type { BackendName, ExportMeta, WorkerEvent } from '../../shared/protocol';
import { LATENT_SIZE, NUM_CLASSES } from '../../shared/settings';
import type { SessionTask } from '../loop/plugin';
import type { OpenedInput } from '../inside/openedTask';
import { TASKS } from '../tasks/registry';
import { GeneratorFileError, readGeneratorZip } from '../../shared/formats/generatorZip';
import { messageOf } from '../../shared/errors';

export interface SavedModel {
  /** A standard tfjs `model.json` whose manifest points at `weights.bin`. */
  modelJson: string;
  weights: ArrayBuffer;
}

export const WEIGHTS_FILE = 'weights.bin';

/** Serialises a Layers model in memory (`downloads://` does not exist in a worker). */
export async function saveModel(model: tf.LayersModel): Promise<SavedModel> {
  let saved: SavedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      saved = {
        modelJson: JSON.stringify({
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (ganvas)`,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        }),
        weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  if (!saved) throw new Error('model.save produced no artifacts');
  return saved;
}

/** The generator as an `exported` event: the weights transfer, the main thread zips. */
export async function generatorExport(task: SessionTask, backend: BackendName): Promise<{ event: WorkerEvent; transfer: Transferable[] }> {
  // The task says which network a download holds and what its ganvas.json adds (the GAN's loss; an application's task and shapes).
  const { network, meta: own } = task.exported();
  const { modelJson, weights } = await saveModel(network);
  const c = task.config;
  const meta: ExportMeta = {
    app: 'ganvas',
    version: 1,
    model: c.model,
    latentSize: LATENT_SIZE,
    step: task.stepCount,
    dataset: c.dataset,
    seed: c.seed,
    batchSize: c.batchSize,
    hyperparams: task.hyperparams,
    ...(c.conditional ? { numClasses: NUM_CLASSES } : {}),
    backend,
    exportedAt: new Date().toISOString(),
    ...own,
  };
  return { event: { type: 'exported', modelJson, weights, meta }, transfer: [weights] };
}

/** Loads a model.json + weights pair saved by `saveModel` (or any single-shard tfjs model). */
export async function loadModel(modelJson: string, weights: ArrayBuffer): Promise<tf.LayersModel> {
  const json = JSON.parse(modelJson) as tf.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: weights }));
}

/** Layer classes a generator may use: tfjs's own, nothing registered by a page (an imported file never names code to run). */
const GENERATOR_LAYERS = new Set([
  'InputLayer',
  'Dense',
  'Reshape',
  'Flatten',
  'BatchNormalization',
  'ReLU',
  'LeakyReLU',
  'Activation',
  'Conv2D',
  'Conv2DTranspose',
  'UpSampling2D',
  'Dropout',
]);
/** The applications' generators are functional models: they join branches too. */
const TASK_LAYERS = new Set([...GENERATOR_LAYERS, 'Add', 'Concatenate']);
const IMAGE_SHAPE = [28, 28, 1];

interface Topology {
  class_name?: unknown;
  config?: { layers?: { class_name?: unknown }[] };
}

/** Reads model.json as data and checks it before tfjs builds anything: a Sequential of known layers whose weights fill weights.bin exactly. */
function checkModelJson(modelJson: string, weightBytes: number, task: boolean): void {
  let json: { format?: unknown; modelTopology?: Topology; weightsManifest?: { weights?: { shape?: unknown; dtype?: unknown }[] }[] };
  try {
    json = JSON.parse(modelJson) as typeof json;
  } catch {
    throw new GeneratorFileError('model.json is not valid JSON');
  }
  const topology = json.modelTopology;
  const kind = task ? 'Model' : 'Sequential';
  if (json.format !== 'layers-model' || topology?.class_name !== kind || !Array.isArray(topology.config?.layers)) {
    throw new GeneratorFileError(`model.json is not a tfjs ${task ? 'functional' : 'Sequential'} layers model`);
  }
  const allowed = task ? TASK_LAYERS : GENERATOR_LAYERS;
  for (const layer of topology.config.layers) {
    if (typeof layer.class_name !== 'string' || !allowed.has(layer.class_name)) {
      throw new GeneratorFileError(
        `model.json uses layer "${String(layer.class_name).slice(0, 40)}", which a ganvas generator never has (allowed: ${[...allowed].join(', ')})`,
      );
    }
  }
  let floats = 0;
  for (const spec of (json.weightsManifest ?? []).flatMap((g) => g.weights ?? [])) {
    const shape = spec.shape;
    if (spec.dtype !== 'float32' || !Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
      throw new GeneratorFileError('model.json lists a weight that is not a float32 tensor of positive size');
    }
    floats += (shape as number[]).reduce((a, b) => a * b, 1);
  }
  if (floats * 4 !== weightBytes) throw new GeneratorFileError(`weights.bin has ${weightBytes} bytes; model.json needs ${floats * 4}`);
}

/** An application's ganvas.json names a task ganvas has, and image shapes it makes. */
function checkTaskMeta(meta: ExportMeta, openable: ReadonlyMap<string, OpenedInput>): void {
  const inputs = openable.get(String(meta.task))?.inputShapes;
  if (!inputs)
    throw new GeneratorFileError(`ganvas.json names task "${String(meta.task).slice(0, 40)}", which ganvas does not have (${[...openable.keys()].join(', ')})`);
  if (
    !Array.isArray(meta.inputShape) ||
    !inputs.includes(meta.inputShape.join()) ||
    !Array.isArray(meta.outputShape) ||
    meta.outputShape.join() !== IMAGE_SHAPE.join()
  ) {
    throw new GeneratorFileError(`ganvas.json: a ${meta.task} generator maps images [${inputs.join('] or [')}] to [${IMAGE_SHAPE.join(', ')}]`);
  }
}

/** The model maps the image shapes its ganvas.json states; else it is disposed and refused. */
function checkTaskShapes(model: tf.LayersModel, meta: ExportMeta): tf.LayersModel {
  const input = model.inputs[0].shape.slice(1).join();
  const output = model.outputs[0].shape.slice(1).join();
  if (model.inputs.length === 1 && input === meta.inputShape?.join() && output === meta.outputShape?.join()) return model;
  model.dispose();
  throw new GeneratorFileError(
    `the model maps [${input}] to [${output}]; ganvas.json says [${meta.inputShape?.join(', ')}] to [${meta.outputShape?.join(', ')}]`,
  );
}

/**
 * Opens a generator download, checking it first (zip limits, known layers,
 * weight sizes) and after (noise in, 28x28x1 images out). Throws GeneratorFileError.
 */
export async function loadGeneratorZip(
  bytes: Uint8Array,
  openable: ReadonlyMap<string, OpenedInput> = TASKS.openable,
): Promise<{ model: tf.LayersModel; meta: ExportMeta }> {
  const { modelJson, weights, meta } = readGeneratorZip(bytes);
  if (meta.numClasses !== undefined && meta.numClasses !== NUM_CLASSES) {
    throw new GeneratorFileError(
      `ganvas.json says the generator is conditioned on ${String(meta.numClasses).slice(0, 20)} classes; ganvas makes conditional generators for ${NUM_CLASSES}`,
    );
  }
  const task = meta.task !== undefined;
  if (task) checkTaskMeta(meta, openable);
  checkModelJson(modelJson, weights.byteLength, task);
  let model: tf.LayersModel;
  try {
    model = await loadModel(modelJson, weights);
  } catch (e) {
    throw new GeneratorFileError(`the model could not be built: ${messageOf(e)}`);
  }
  if (task) return { model: checkTaskShapes(model, meta), meta };
  const [input] = model.inputs[0].shape.slice(1);
  const output = model.outputs[0].shape.slice(1);
  const classes = meta.numClasses ?? 0;
  if (model.inputs[0].shape.length !== 2 || input !== meta.latentSize + classes || output.join() !== IMAGE_SHAPE.join()) {
    model.dispose();
    const wanted = classes
      ? `noise [${meta.latentSize}] followed by a ${classes}-way one-hot, [${meta.latentSize + classes}] in all,`
      : `noise [${meta.latentSize}]`;
    throw new GeneratorFileError(
      `the model maps [${model.inputs[0].shape.slice(1).join(', ')}] to [${output.join(', ')}]; ganvas.json says it maps ${wanted} to images [28, 28, 1]`,
    );
  }
  return { model, meta };
}
