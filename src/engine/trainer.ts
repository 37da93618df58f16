import * as tf from '@tensorflow/tfjs';
import { Adam, disposeAdamSnapshot, type AdamSnapshot } from './adam';
import type { LiveHyperparams, MetricPoint, RunConfig } from '../protocol';
import { BatchSampler, type SamplerState } from './data/batches';
import type { ImageSet } from './data/mnist';
import { describeErrors, LATENT_SIZE, validateConfig, validateLive } from './hyperparams';
import { installChannelSums } from './kernels/channelSums';
import { installConvFilterGrad } from './kernels/convFilterGrad';
import { installConvInputGrad } from './kernels/convInputGrad';
import { installWasmKernels } from './kernels/wasmKernels';
import { bceFake, bceReal, meanProbability } from './losses';
import { buildGan, forward, type Gan } from './models';
import { Rng, type RngState } from './rng';
import { renderGrid, type Grid } from './samples';

export class HyperparamError extends Error {
  override name = 'HyperparamError';
}

export const GRID_SIDE = 8;

export interface TrainerSnapshot {
  step: number;
  weights: tf.Tensor[];
  d: AdamSnapshot;
  g: AdamSnapshot;
}

export function disposeSnapshot(s: TrainerSnapshot): void {
  tf.dispose(s.weights);
  disposeAdamSnapshot(s.d);
  disposeAdamSnapshot(s.g);
}

/** Backends whose kernels finish before enqueueing returns. */
const SYNC_BACKENDS = new Set(['wasm', 'cpu']);

/**
 * One GAN training run: both networks, their optimizers, the data order and
 * the noise stream. `step()` runs one discriminator update and one generator
 * update; live hyperparameters take effect on the next call.
 */
export class GanTrainer {
  readonly gan: Gan;
  readonly dOpt: Adam;
  readonly gOpt: Adam;
  private readonly rng: Rng;
  private readonly sampler: BatchSampler;
  private readonly fixedNoise: tf.Tensor2D;
  private readonly zBuffer: Float32Array;
  readonly dVars: tf.Variable[];
  readonly gVars: tf.Variable[];
  private live: LiveHyperparams;
  private timing = { dMs: 0, gMs: 0, steps: 0 };
  private readonly hasBatchNorm: boolean;
  stepCount = 0;

  constructor(
    readonly config: RunConfig,
    data: ImageSet,
  ) {
    const errors = validateConfig(config);
    if (Object.keys(errors).length) throw new HyperparamError(describeErrors(errors));
    installConvFilterGrad('cpu');
    installConvFilterGrad('wasm');
    installConvInputGrad('cpu');
    installChannelSums('cpu');
    installChannelSums('wasm');
    installConvInputGrad('wasm');
    installWasmKernels();
    this.live = { gLearningRate: config.gLearningRate, dLearningRate: config.dLearningRate, beta1: config.beta1 };
    this.gan = buildGan(config.model, config.seed);
    this.hasBatchNorm = this.gan.discriminator.layers.some((l) => l.getClassName() === 'BatchNormalization');
    this.dVars = this.gan.discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
    this.gVars = this.gan.generator.trainableWeights.map((w) => w.read() as tf.Variable);
    this.dOpt = new Adam(config.dLearningRate, config.beta1);
    this.gOpt = new Adam(config.gLearningRate, config.beta1);
    // Separate streams: the grid's noise never shifts the training stream.
    this.fixedNoise = tf.tensor2d(
      new Rng(config.seed ^ 0x5eed).fillNormal(new Float32Array(GRID_SIDE * GRID_SIDE * LATENT_SIZE)),
      [GRID_SIDE * GRID_SIDE, LATENT_SIZE],
    );
    this.rng = new Rng(config.seed);
    this.sampler = new BatchSampler(data, this.rng, config.batchSize);
    this.zBuffer = new Float32Array(config.batchSize * LATENT_SIZE);
  }

  get hyperparams(): LiveHyperparams {
    return { ...this.live };
  }

  get epoch(): number {
    return this.sampler.progress;
  }

  /** Validates and applies; throws HyperparamError and changes nothing if any field is bad. */
  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams {
    const errors = validateLive(params);
    if (Object.keys(errors).length) throw new HyperparamError(describeErrors(errors));
    this.live = { ...this.live, ...params };
    this.dOpt.learningRate = this.live.dLearningRate;
    this.gOpt.learningRate = this.live.gLearningRate;
    this.dOpt.beta1 = this.gOpt.beta1 = this.live.beta1;
    return this.hyperparams;
  }

  /** The next real batch and noise batch from the run's seeded streams. */
  private nextBatch(): { real: tf.Tensor4D; z: tf.Tensor2D } {
    const b = this.config.batchSize;
    return {
      real: tf.tensor4d(this.sampler.next(), [b, 28, 28, 1]),
      z: tf.tensor2d(this.rng.fillNormal(this.zBuffer), [b, LATENT_SIZE]),
    };
  }

  /** The next batch, drawn as `step()` draws it (the phase stepper takes a step apart with it). */
  drawBatch(): { real: tf.Tensor4D; z: tf.Tensor2D } {
    return this.nextBatch();
  }

  /** Updates D only; returns [dLoss, D(x), D(G(z))]. */
  dStep(real: tf.Tensor4D, z: tf.Tensor2D): tf.Tensor1D {
    const G = this.gan.generator;
    return tf.tidy(() => {
      // The fake batch is made outside D's tape: D's step needs no gradient through G.
      const fake = forward(G, z, true, this.rng);
      let probs: tf.Tensor | undefined;
      const dLoss = this.dOpt.minimize(
        () => {
          const [realLogits, fakeLogits] = this.discriminate(real, fake);
          probs = tf.keep(tf.stack([meanProbability(realLogits), meanProbability(fakeLogits)]));
          return tf.add(bceReal(realLogits), bceFake(fakeLogits)) as tf.Scalar;
        },
        this.dVars,
      );
      const out = tf.concat([tf.reshape(dLoss, [1]), probs as tf.Tensor]) as tf.Tensor1D;
      probs?.dispose();
      return out;
    });
  }

  /**
   * D's logits for the real and the fake batch. Without BatchNorm (whose batch
   * statistics must not mix real and fake) both go through D as one batch:
   * half the layer calls and weight packs, the same sums.
   */
  private discriminate(real: tf.Tensor, fake: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const D = this.gan.discriminator;
    if (this.hasBatchNorm) return [forward(D, real, true, this.rng), forward(D, fake, true, this.rng)];
    const b = real.shape[0];
    const logits = forward(D, tf.concat([real, fake]), true, this.rng);
    return [tf.slice(logits, 0, b), tf.slice(logits, b, b)];
  }

  /** Updates G only, with the non-saturating loss (maximise log D(G(z))); returns gLoss. */
  gStep(z: tf.Tensor2D): tf.Scalar {
    const { generator: G, discriminator: D } = this.gan;
    return tf.tidy(
      () => this.gOpt.minimize(() => bceReal(forward(D, forward(G, z, true, this.rng), true, this.rng)), this.gVars),
    );
  }

  /**
   * Enqueues one D step and one G step; the tensor holds [dLoss, gLoss, D(x), D(G(z))].
   * On wasm and cpu kernels run as they are enqueued, so the clock around each
   * half is its real cost; on GPU backends it is only the enqueue time.
   */
  enqueueStep(): tf.Tensor1D {
    return tf.tidy(() => {
      const { real, z } = this.nextBatch();
      const t0 = performance.now();
      const d = this.dStep(real, z);
      const t1 = performance.now();
      const g = this.gStep(z);
      this.timing.dMs += t1 - t0;
      this.timing.gMs += performance.now() - t1;
      this.timing.steps++;
      return tf.stack([d.gather(0), g, d.gather(1), d.gather(2)]) as tf.Tensor1D;
    });
  }

  /** One full step with its metrics read back (a single awaited read). */
  async step(): Promise<MetricPoint> {
    return (await this.steps(1))[0];
  }

  /**
   * k steps enqueued back to back and their metrics read in one awaited read:
   * a GPU backend gets k steps of work queued before the CPU waits on it.
   */
  async steps(k: number): Promise<MetricPoint[]> {
    const epochs: number[] = [];
    const all = tf.tidy(() =>
      tf.stack(
        Array.from({ length: k }, () => {
          const t = this.enqueueStep();
          epochs.push(this.epoch);
          return t;
        }),
      ),
    );
    const v = await all.data();
    all.dispose();
    const points: MetricPoint[] = [];
    for (let i = 0; i < k; i++) {
      this.stepCount++;
      points.push({ step: this.stepCount, epoch: epochs[i], dLoss: v[4 * i], gLoss: v[4 * i + 1], dReal: v[4 * i + 2], dFake: v[4 * i + 3] });
    }
    return points;
  }

  /** Mean ms of the D and G halves since the last call; null on GPU backends, where the clock sees only enqueueing. */
  takeTiming(): { dMs: number | null; gMs: number | null } {
    const { dMs, gMs, steps } = this.timing;
    this.timing = { dMs: 0, gMs: 0, steps: 0 };
    if (!steps || !SYNC_BACKENDS.has(tf.getBackend())) return { dMs: null, gMs: null };
    return { dMs: dMs / steps, gMs: gMs / steps };
  }

  /** The fixed-noise grid, with BatchNorm in inference mode. */
  async sampleGrid(): Promise<Grid> {
    const images = tf.tidy(() => forward(this.gan.generator, this.fixedNoise, false, this.rng));
    const values = (await images.data()) as Float32Array;
    images.dispose();
    return renderGrid(values, GRID_SIDE);
  }

  /** Generator output for given noise, inference mode (used to check exports). */
  generate(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => forward(this.gan.generator, z, false, this.rng) as tf.Tensor4D);
  }

  /** Whether every weight (BatchNorm statistics too) is finite, with one scalar read: w·0 sums to NaN if any w is NaN or infinite. */
  async weightsFinite(): Promise<boolean> {
    const weights = [...this.gan.generator.weights, ...this.gan.discriminator.weights];
    const probe = tf.tidy(() => tf.addN(weights.map((w) => tf.sum(tf.mul(w.read(), 0)))));
    const [v] = await probe.data();
    probe.dispose();
    return Number.isFinite(v);
  }

  /** Copies of every weight (BatchNorm statistics too) and both optimizers' state: a point to roll back to. */
  snapshot(): TrainerSnapshot {
    const weights = [...this.gan.generator.weights, ...this.gan.discriminator.weights].map((w) => w.read().clone());
    return { step: this.stepCount, weights, d: this.dOpt.snapshot(), g: this.gOpt.snapshot() };
  }

  /** Back to a snapshot's weights, optimizer state and step count; the snapshot stays usable. */
  restore(snap: TrainerSnapshot): void {
    const vars = [...this.gan.generator.weights, ...this.gan.discriminator.weights];
    vars.forEach((w, i) => tf.tidy(() => void w.write(snap.weights[i].clone())));
    this.dOpt.restore(snap.d);
    this.gOpt.restore(snap.g);
    this.stepCount = snap.step;
  }

  /** Where the noise stream and the data order are: with the weights and optimizers, all a run needs to continue exactly. */
  position(): { rng: RngState; sampler: SamplerState } {
    return { rng: this.rng.getState(), sampler: this.sampler.getState() };
  }

  setPosition(p: { rng: RngState; sampler: SamplerState }): void {
    this.rng.setState(p.rng);
    this.sampler.setState(p.sampler);
  }

  dispose(): void {
    this.fixedNoise.dispose();
    this.dOpt.dispose();
    this.gOpt.dispose();
    this.gan.generator.dispose();
    this.gan.discriminator.dispose();
  }
}
