import * as tf from '@tensorflow/tfjs';
import { readGeneratorZip } from './generatorZip';

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

/** Loads a model.json + weights pair saved by `saveModel` (or any single-shard tfjs model). */
export async function loadModel(modelJson: string, weights: ArrayBuffer): Promise<tf.LayersModel> {
  const json = JSON.parse(modelJson) as tf.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: weights }));
}

export async function loadGeneratorZip(bytes: Uint8Array): Promise<tf.LayersModel> {
  const { modelJson, weights } = readGeneratorZip(bytes);
  return loadModel(modelJson, weights);
}
