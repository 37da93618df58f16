import type * as tf from '@tensorflow/tfjs';
import type { LayerSummary, ModelSummary, NetworkSummary } from '../../shared/modelSummary';
import type { Gan } from '../models';

/** Shape without the batch dimension (tfjs puts null there). */
function dims(shape: tf.Shape | tf.Shape[]): number[] {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
  return s.slice(1).map((d) => d ?? 0);
}

function layerSummary(layer: tf.layers.Layer): LayerSummary {
  const { activation } = layer.getConfig() as { activation?: unknown };
  return {
    kind: layer.getClassName(),
    ...(typeof activation === 'string' && activation !== 'linear' ? { activation } : {}),
    outputShape: dims(layer.outputShape),
    params: layer.countParams(),
  };
}

/** Layer by layer, as the model was built: class, output shape and every weight counted (BatchNorm's moving statistics too, as Keras counts them). */
export function summarizeNetwork(model: tf.LayersModel): NetworkSummary {
  const layers = model.layers.map(layerSummary);
  return { inputShape: dims(model.inputs[0].shape), layers, params: layers.reduce((n, l) => n + l.params, 0) };
}

export function summarizeGan(gan: Gan): ModelSummary {
  return { generator: summarizeNetwork(gan.generator), discriminator: summarizeNetwork(gan.discriminator) };
}
