/** One layer as the model diagram shows it. */
export interface LayerSummary {
  /** The tfjs layer class, e.g. Dense, Conv2DTranspose. */
  kind: string;
  /** The activation folded into the layer (Dense, Conv), when it has one. */
  activation?: string;
  /** Output shape without the batch dimension. */
  outputShape: number[];
  params: number;
}

export interface NetworkSummary {
  inputShape: number[];
  layers: LayerSummary[];
  params: number;
}

/** The actual networks of the run, read from the built models. */
export interface ModelSummary {
  generator: NetworkSummary;
  discriminator: NetworkSummary;
}
