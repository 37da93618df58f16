import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../train/adam';
import type { LiveHyperparams, MetricPoint, RunConfig } from '../../../shared/protocol';
import { BatchSampler, type SamplerState } from '../../data/batches';
import type { ImageSet } from '../../data/mnist';
import { gradientPenalty } from '../../train/gradientPenalty';
import { describeErrors, liveOf, validateConfig, validateLive } from '../../../shared/hyperparams';
import { LATENT_SIZE, NUM_CLASSES } from '../../../shared/settings';
import { installFastKernels } from '../../kernels/install';
import { discriminatorLoss, generatorLoss, meanScore } from '../../train/losses';
import { buildGan, forward, ganVariant, type Gan } from '../../models';
import { conditionalGridInput, discriminatorInput, generatorInput, oneHot } from '../../models/conditional';
import { Rng, type RngState } from '../../../shared/rng';
import { GRID_SIDE, renderGrid, type SampleClass, type SampleGrid } from '../../train/samples';
import { partsFinite, type TrainedPart } from '../../train/parts';
import type { ModelSummary } from '../../../shared/modelSummary';
import { summarizeGan } from '../../inside/modelSummary';
import type { NoiseGenerator } from '../../train/noiseGenerator';
import type { SessionTask, TaskExport } from '../../loop/plugin';
import { Refusal } from '../../loop/refusal';

/** Backends whose kernels finish before enqueueing returns. */
const SYNC_BACKENDS = new Set(['wasm', 'cpu']);

export interface Batch {
  real: tf.Tensor4D;
  z: tf.Tensor2D;
  /** One-hot classes of the real batch (conditional runs); the fakes are asked for the same classes. */
  classes: tf.Tensor2D | null;
}

/**
 * One GAN training run: both networks, their optimizers, the data order and
 * the noise stream. `step()` runs `dSteps` discriminator updates and one
 * generator update; live hyperparameters take effect on the next call.
 */
export class GanTrainer implements SessionTask, NoiseGenerator {
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
  /** The digit a conditional grid shows (null: one row per class). */
  private sampleClass: SampleClass = null;
  stepCount = 0;

  constructor(
    readonly config: RunConfig,
    data: ImageSet,
  ) {
    const errors = validateConfig(config);
    if (Object.keys(errors).length) throw new Refusal(describeErrors(errors));
    installFastKernels();
    this.live = liveOf(config);
    this.gan = buildGan(config.model, config.seed, ganVariant(config));
    this.hasBatchNorm = this.gan.discriminator.layers.some((l) => l.getClassName() === 'BatchNormalization');
    this.dVars = this.gan.discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
    this.gVars = this.gan.generator.trainableWeights.map((w) => w.read() as tf.Variable);
    this.dOpt = new Adam(config.dLearningRate, config.beta1);
    this.gOpt = new Adam(config.gLearningRate, config.beta1);
    // Separate streams: the grid's noise never shifts the training stream.
    this.fixedNoise = tf.tensor2d(new Rng(config.seed ^ 0x5eed).fillNormal(new Float32Array(GRID_SIDE * GRID_SIDE * LATENT_SIZE)), [
      GRID_SIDE * GRID_SIDE,
      LATENT_SIZE,
    ]);
    this.rng = new Rng(config.seed);
    this.sampler = new BatchSampler(data, this.rng, config.batchSize);
    this.zBuffer = new Float32Array(config.batchSize * LATENT_SIZE);
  }

  /** G and D with their optimizers, as run files name them. */
  parts(): TrainedPart[] {
    return [
      { name: 'g', model: this.gan.generator, opt: this.gOpt, vars: this.gVars },
      { name: 'd', model: this.gan.discriminator, opt: this.dOpt, vars: this.dVars },
    ];
  }

  get hyperparams(): LiveHyperparams {
    return { ...this.live };
  }

  get epoch(): number {
    return this.sampler.progress;
  }

  /** Validates and applies; throws Refusal and changes nothing if any field is bad. */
  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams {
    const errors = validateLive(params);
    if (Object.keys(errors).length) throw new Refusal(describeErrors(errors));
    this.live = { ...this.live, ...params };
    this.dOpt.learningRate = this.live.dLearningRate;
    this.gOpt.learningRate = this.live.gLearningRate;
    this.dOpt.beta1 = this.gOpt.beta1 = this.live.beta1;
    return this.hyperparams;
  }

  /** The next real batch (with its classes) and noise batch from the run's seeded streams. */
  private nextBatch(): Batch {
    const b = this.config.batchSize;
    const real = tf.tensor4d(this.sampler.next(), [b, 28, 28, 1]);
    return {
      real,
      z: tf.tensor2d(this.rng.fillNormal(this.zBuffer), [b, LATENT_SIZE]),
      classes: this.config.conditional ? oneHot(this.sampler.labels) : null,
    };
  }

  /** The next batch, drawn as `step()` draws it (the phase stepper takes a step apart with it). */
  drawBatch(): Batch {
    return this.nextBatch();
  }

  /** Instance noise: the same Gaussian blur of the line between real and fake for every image D sees. */
  private noisy(x: tf.Tensor): tf.Tensor {
    const std = this.config.instanceNoise;
    return std > 0 ? tf.add(x, tf.randomNormal(x.shape, 0, std, 'float32', this.rng.int(2 ** 31))) : x;
  }

  /** D's raw output for images of the given classes. */
  private critic(images: tf.Tensor, classes: tf.Tensor | null): tf.Tensor {
    return forward(this.gan.discriminator, discriminatorInput(this.config.model, images, classes), true, this.rng);
  }

  /** Updates D only; returns [dLoss, D(x), D(G(z))] (the scores as the loss defines them, see losses.ts). */
  dStep({ real, z, classes }: Batch): tf.Tensor1D {
    const G = this.gan.generator;
    const { loss } = this.config;
    return tf.tidy(() => {
      // The fake batch is made outside D's tape: D's step needs no gradient through G.
      const realIn = this.noisy(real);
      const fakeIn = this.noisy(forward(G, generatorInput(z, classes), true, this.rng));
      const eps = loss === 'wgan-gp' ? tf.randomUniform([real.shape[0]], 0, 1, 'float32', this.rng.int(2 ** 31)) : null;
      let scores: tf.Tensor | undefined;
      const dLoss = this.dOpt.minimize(() => {
        const [realOut, fakeOut] = this.discriminate(realIn, fakeIn, classes);
        scores = tf.keep(tf.stack([meanScore(loss, realOut), meanScore(loss, fakeOut)]));
        const l = discriminatorLoss(loss, realOut, fakeOut, 1 - this.live.labelSmoothing);
        return eps
          ? tf.add(
              l,
              gradientPenalty((x) => this.critic(x, classes), realIn, fakeIn, eps),
            )
          : l;
      }, this.dVars);
      const out = tf.concat([tf.reshape(dLoss, [1]), scores as tf.Tensor]) as tf.Tensor1D;
      scores?.dispose();
      return out;
    });
  }

  /**
   * D's outputs for the real and the fake batch. Without BatchNorm (whose batch
   * statistics must not mix real and fake) both go through D as one batch:
   * half the layer calls and weight packs, the same sums.
   */
  private discriminate(real: tf.Tensor, fake: tf.Tensor, classes: tf.Tensor | null): [tf.Tensor, tf.Tensor] {
    if (this.hasBatchNorm) return [this.critic(real, classes), this.critic(fake, classes)];
    const b = real.shape[0];
    const out = this.critic(tf.concat([real, fake]), classes && tf.concat([classes, classes]));
    return [tf.slice(out, 0, b), tf.slice(out, b, b)];
  }

  /** Updates G only (non-saturating for BCE, see losses.ts); returns gLoss. */
  gStep({ z, classes }: Pick<Batch, 'z' | 'classes'>): tf.Scalar {
    const G = this.gan.generator;
    return tf.tidy(() =>
      this.gOpt.minimize(
        () => generatorLoss(this.config.loss, this.critic(this.noisy(forward(G, generatorInput(z, classes), true, this.rng)), classes)),
        this.gVars,
      ),
    );
  }

  /**
   * Enqueues one step, `dSteps` D updates (each on its own batch) and one G
   * update (on the last batch's noise and classes); the tensor holds [dLoss,
   * gLoss, D(x), D(G(z))], the D values averaged over its updates.
   * On wasm and cpu kernels run as they are enqueued, so the clock around each
   * half is its real cost; on GPU backends it is only the enqueue time.
   */
  enqueueStep(): tf.Tensor1D {
    return tf.tidy(() => {
      const k = this.live.dSteps;
      const t0 = performance.now();
      let batch = this.nextBatch();
      let d = this.dStep(batch);
      for (let i = 1; i < k; i++) {
        batch = this.nextBatch();
        d = tf.add(d, this.dStep(batch));
      }
      if (k > 1) d = tf.div(d, k);
      const t1 = performance.now();
      const g = this.gStep(batch);
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

  /** Conditional runs: which digit the grid shows (null: one row per class). */
  setSampleClass(classIndex: SampleClass): void {
    if (!this.config.conditional) throw new Refusal('this run is not conditional: its grid has no classes to pick');
    if (classIndex !== null && !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < NUM_CLASSES)) {
      throw new Refusal(`the class must be a digit from 0 to ${NUM_CLASSES - 1}`);
    }
    this.sampleClass = classIndex;
  }

  /**
   * The fixed-noise grid, with BatchNorm in inference mode. Conditional: one
   * row per class over the first 8 noise vectors, or every cell the picked class.
   */
  async sampleGrid(): Promise<SampleGrid> {
    const classIndex = this.config.conditional ? this.sampleClass : null;
    const { rows, images } = tf.tidy(() => {
      const grid = this.config.conditional ? conditionalGridInput(this.fixedNoise, classIndex, GRID_SIDE) : { rows: GRID_SIDE, input: this.fixedNoise };
      return { rows: grid.rows, images: forward(this.gan.generator, grid.input, false, this.rng) };
    });
    const values = (await images.data()) as Float32Array;
    images.dispose();
    return { ...renderGrid(values, GRID_SIDE, rows), rows, classIndex };
  }

  /** Generator output for its full input (noise, then the one-hot for conditional runs), inference mode (used to check exports). */
  generate(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => forward(this.gan.generator, z, false, this.rng) as tf.Tensor4D);
  }

  /**
   * Images from noise alone, inference mode: a conditional generator is asked
   * for the classes in turn (0, 1, ..., 9, 0, ...), so a batch is as balanced
   * as the data; `first` is the index of the batch's first image in that cycle.
   */
  sample(z: tf.Tensor2D, first = 0): tf.Tensor4D {
    if (!this.config.conditional) return this.generate(z);
    return tf.tidy(() => this.generate(generatorInput(z, oneHot(Array.from({ length: z.shape[0] }, (_, i) => (first + i) % NUM_CLASSES))) as tf.Tensor2D));
  }

  /** The latent and real-vs-fake views, the timelapse and the quality score look at this generator. */
  get fromNoise(): NoiseGenerator {
    return this;
  }

  summary(): ModelSummary {
    return summarizeGan(this.gan);
  }

  /** The download holds the generator alone, and says which loss trained it. */
  exported(): TaskExport {
    return { network: this.gan.generator, meta: { loss: this.config.loss } };
  }

  /** Whether every weight (BatchNorm statistics too) is finite. */
  weightsFinite(): Promise<boolean> {
    return partsFinite(this.parts());
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
