import * as tf from '@tensorflow/tfjs';
import { Adam } from '../train/adam';
import { bceFake, bceReal, meanProbability } from '../train/losses';
import { BatchSampler, type SamplerState } from '../data/batches';
import type { ImageSet } from '../data/mnist';
import { installFastKernels } from '../kernels/install';
import { Rng, type RngState } from '../../shared/rng';
import { SeededInit } from '../models/init';
import { disposeParts, stepRows, trainedPart as part, type TrainedPart } from '../train/parts';

/** Side of the images paired tasks make. */
export const SIDE = 28;

export interface PairedConfig {
  seed: number;
  batchSize: number;
  gLearningRate: number;
  dLearningRate: number;
  beta1: number;
  /** λ, the weight of the L1 term in G's loss; Infinity trains on L1 alone (no discriminator). */
  l1Weight: number;
  /** Also train an "L1 only" generator on the same batches, the yardstick for what the adversarial term adds. */
  l1Baseline: boolean;
}

/** What makes a paired task: the input it derives from each real image, and its two networks. */
export interface Pairing {
  /** G's input for a batch of real images ([b, 28, 28, 1] in [-1, 1]; `values` holds the same numbers). */
  input(real: tf.Tensor4D, values: Float32Array): tf.Tensor4D;
  /** Input in, a 28x28 image out. */
  generator(init: SeededInit): tf.LayersModel;
  /** [28x28 image, input] in, real-or-fake logits out (one per patch). */
  discriminator(init: SeededInit): tf.LayersModel;
}

/** One step's read-back: the GAN's losses and D's verdicts, and the L1 error of both generators. */
export interface PairedPoint {
  step: number;
  dLoss: number;
  /** G's adversarial term alone (0 when λ is Infinity). */
  gAdversarial: number;
  /** Mean |G(input) - real| over the batch, images in [-1, 1]. */
  l1: number;
  dReal: number;
  dFake: number;
  /** The L1-only generator's L1 (NaN without one). */
  baselineL1: number;
}

/**
 * Image-to-image translation as a conditional GAN (pix2pix's recipe): G maps
 * the input to an image, D judges (image, input) pairs, G's loss is D's
 * verdict plus λ times the L1 error. An optional second generator of the same
 * shape trains on L1 alone, on the same batches.
 */
export class PairedTrainer {
  readonly generator: tf.LayersModel;
  readonly discriminator: tf.LayersModel;
  /** The L1-only generator (null when not trained). */
  readonly baseline: tf.LayersModel | null;
  private readonly trained: TrainedPart[];
  private readonly rng: Rng;
  private readonly sampler: BatchSampler;
  /** λ, live: the next step uses it. */
  l1Weight: number;
  stepCount = 0;

  constructor(
    readonly config: PairedConfig,
    readonly pairing: Pairing,
    data: ImageSet,
  ) {
    installFastKernels();
    const init = new SeededInit(config.seed);
    this.generator = pairing.generator(init);
    this.discriminator = pairing.discriminator(init);
    // Its own initializer seeds, so it does not start as the GAN's generator's twin.
    this.baseline = config.l1Baseline ? pairing.generator(new SeededInit(config.seed ^ 0x11)) : null;
    const adam = (lr: number): Adam => new Adam(lr, config.beta1);
    this.trained = [part('g', this.generator, adam(config.gLearningRate)), part('d', this.discriminator, adam(config.dLearningRate))];
    if (this.baseline) this.trained.push(part('l1', this.baseline, adam(config.gLearningRate)));
    this.rng = new Rng(config.seed);
    this.sampler = new BatchSampler(data, this.rng, config.batchSize);
    this.l1Weight = config.l1Weight;
  }

  get epoch(): number {
    return this.sampler.progress;
  }

  /** Where the data order is: with the parts, all a run needs to continue exactly. */
  position(): { rng: RngState; sampler: SamplerState } {
    return { rng: this.rng.getState(), sampler: this.sampler.getState() };
  }

  setPosition(p: { rng: RngState; sampler: SamplerState }): void {
    this.rng.setState(p.rng);
    this.sampler.setState(p.sampler);
  }

  /** G, D and the L1-only generator (when trained), with their optimizers. */
  parts(): TrainedPart[] {
    return this.trained;
  }

  private adversarial(): boolean {
    return Number.isFinite(this.l1Weight);
  }

  /** D's logits for each image beside its input. */
  judge(image: tf.Tensor4D, input: tf.Tensor4D): tf.Tensor {
    return this.discriminator.apply([image, input]) as tf.Tensor;
  }

  translate(input: tf.Tensor4D, generator = this.generator): tf.Tensor4D {
    return generator.apply(input) as tf.Tensor4D;
  }

  /** Updates D on the real pairs and G's pairs; returns [dLoss, D(real), D(fake)]. */
  private dStep(real: tf.Tensor4D, input: tf.Tensor4D): tf.Tensor1D {
    if (!this.adversarial()) return tf.tensor1d([0, 0, 0]);
    const b = real.shape[0];
    const fake = this.translate(input);
    let verdicts: tf.Tensor | undefined;
    const dLoss = this.trained[1].opt.minimize(() => {
      // No BatchNorm in D: real and fake share one pass.
      const out = this.judge(tf.concat([real, fake]) as tf.Tensor4D, tf.concat([input, input]) as tf.Tensor4D);
      const [realOut, fakeOut] = [tf.slice(out, 0, b), tf.slice(out, b, b)];
      verdicts = tf.keep(tf.stack([meanProbability(realOut), meanProbability(fakeOut)]));
      return tf.add(bceReal(realOut), bceFake(fakeOut)) as tf.Scalar;
    }, this.trained[1].vars);
    const out = tf.concat([tf.reshape(dLoss, [1]) as tf.Tensor1D, verdicts as tf.Tensor1D]);
    verdicts?.dispose();
    return out;
  }

  /** Updates G; returns [adversarial term, L1]. */
  private gStep(real: tf.Tensor4D, input: tf.Tensor4D): tf.Tensor1D {
    const terms: tf.Tensor[] = [];
    this.trained[0].opt
      .minimize(() => {
        const fake = this.translate(input);
        const l1 = tf.mean(tf.abs(tf.sub(fake, real))) as tf.Scalar;
        const adv = this.adversarial() ? bceReal(this.judge(fake, input)) : tf.scalar(0);
        terms.push(tf.keep(adv), tf.keep(l1));
        // A copy when it is the whole loss: `terms` keeps l1 itself, and the loss returned is disposed.
        return this.adversarial() ? (tf.add(adv, tf.mul(l1, this.l1Weight)) as tf.Scalar) : tf.clone(l1);
      }, this.trained[0].vars)
      .dispose();
    const out = tf.stack(terms) as tf.Tensor1D;
    tf.dispose(terms);
    return out;
  }

  /** One update of the L1-only generator on the same batch; its L1 (NaN without one). */
  private baselineStep(real: tf.Tensor4D, input: tf.Tensor4D): tf.Scalar {
    const l1 = this.trained[2];
    if (!l1) return tf.scalar(NaN);
    return l1.opt.minimize(() => tf.mean(tf.abs(tf.sub(this.translate(input, l1.model), real))) as tf.Scalar, l1.vars);
  }

  /** Enqueues one step; the tensor holds PairedPoint's values after `step`, in order. */
  private enqueueStep(): tf.Tensor1D {
    return tf.tidy(() => {
      const values = this.sampler.next();
      const real = tf.tensor4d(values, [this.config.batchSize, SIDE, SIDE, 1]);
      const input = this.pairing.input(real, values);
      const d = this.dStep(real, input);
      const g = this.gStep(real, input);
      const baselineL1 = this.baselineStep(real, input);
      return tf.stack([d.gather(0), g.gather(0), g.gather(1), d.gather(1), d.gather(2), baselineL1]) as tf.Tensor1D;
    });
  }

  /** k steps and their values in one awaited read. */
  async steps(k: number): Promise<PairedPoint[]> {
    return (await stepRows(k, () => this.enqueueStep())).map(([dLoss, gAdversarial, l1, dReal, dFake, baselineL1]) => ({
      step: ++this.stepCount,
      dLoss,
      gAdversarial,
      l1,
      dReal,
      dFake,
      baselineL1,
    }));
  }

  dispose(): void {
    disposeParts(this.trained);
  }
}

/** The first `count` images of a held-out set, in [-1, 1], as a [count, 28, 28, 1] tensor. */
export function heldOut(set: ImageSet, count: number): tf.Tensor4D {
  const n = Math.min(count, set.count);
  const px = Float32Array.from(set.pixels.subarray(0, n * SIDE * SIDE), (p) => p / 127.5 - 1);
  return tf.tensor4d(px, [n, SIDE, SIDE, 1]);
}
