import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../train/adam';
import { discriminatorLoss, generatorLoss } from '../../train/losses';
import { BatchSampler, type SamplerState } from '../../data/batches';
import type { ImageSet } from '../../data/mnist';
import { installFastKernels } from '../../kernels/install';
import { Rng, type RngState } from '../../../shared/rng';
import type { RgbaImage } from '../../../shared/protocol';
import { SeededInit } from '../../models/init';
import { renderGrid } from '../../train/samples';
import { disposeParts, stepRows, trainedPart as part, type TrainedPart } from '../../train/parts';
import { SIDE } from '../../paired/pairedTrainer';
import { unetGenerator } from '../../paired/unet';
import { patchCritic } from '../../paired/patchDiscriminator';

export interface CycleConfig {
  seed: number;
  batchSize: number;
  gLearningRate: number;
  dLearningRate: number;
  beta1: number;
  /** λ, the weight of the cycle-consistency term in the generators' loss. */
  cycleWeight: number;
}

/** One step's read-back. */
export interface CyclePoint {
  step: number;
  /** D_A's and D_B's least-squares losses. */
  dA: number;
  dB: number;
  /** Both generators' adversarial terms, summed. */
  gAdversarial: number;
  /** Both critics' mean output on real images and on translated ones (least-squares targets: 1 and 0). */
  dReal: number;
  dFake: number;
  /** The cycle-consistency loss (before λ). */
  cycle: number;
}

type Translate = (x: tf.Tensor4D) => tf.Tensor4D;

/** CycleGAN's cycle-consistency loss: mean |G_BA(G_AB(a)) - a| + mean |G_AB(G_BA(b)) - b|. Zero when both are identities. */
export function cycleLoss(ab: Translate, ba: Translate, a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mean(tf.abs(tf.sub(ba(ab(a)), a))), tf.mean(tf.abs(tf.sub(ab(ba(b)), b)))) as tf.Scalar);
}

/** Computes f's gradients for every part's variables once, and lets each part's optimizer apply its own. */
function minimizeJointly(f: () => tf.Scalar, parts: TrainedPart[]): tf.Scalar {
  const { value, grads } = tf.variableGrads(
    f,
    parts.flatMap((p) => p.vars),
  );
  for (const p of parts) p.opt.applyGradients(p.vars, grads);
  tf.dispose(grads);
  return value;
}

/**
 * Unpaired domain transfer (CycleGAN, least-squares losses as in its paper):
 * G_AB and G_BA translate between two image sets, D_A and D_B tell each
 * set's real images from translated ones, and the cycle term asks that a
 * round trip A -> B -> A gives the image back.
 */
export class CycleTrainer {
  readonly ab: tf.LayersModel;
  readonly ba: tf.LayersModel;
  private readonly trained: TrainedPart[];
  private readonly rng: Rng;
  private readonly samplers: [BatchSampler, BatchSampler];
  /** λ, live: the next step uses it. */
  cycleWeight: number;
  stepCount = 0;

  constructor(
    readonly config: CycleConfig,
    a: ImageSet,
    b: ImageSet,
  ) {
    installFastKernels();
    const init = new SeededInit(config.seed);
    this.ab = unetGenerator(init);
    this.ba = unetGenerator(init);
    const [gOpt, dOpt] = [config.gLearningRate, config.dLearningRate].map((lr) => (): Adam => new Adam(lr, config.beta1));
    this.trained = [
      part('gab', this.ab, gOpt()),
      part('gba', this.ba, gOpt()),
      part('da', patchCritic(init, 'critic_a'), dOpt()),
      part('db', patchCritic(init, 'critic_b'), dOpt()),
    ];
    this.rng = new Rng(config.seed);
    this.samplers = [new BatchSampler(a, this.rng, config.batchSize), new BatchSampler(b, this.rng, config.batchSize)];
    this.cycleWeight = config.cycleWeight;
  }

  /** Epochs over set A. */
  get epoch(): number {
    return this.samplers[0].progress;
  }

  /** Where both data orders are (A's, then B's). */
  position(): { rng: RngState; samplers: SamplerState[] } {
    return { rng: this.rng.getState(), samplers: this.samplers.map((s) => s.getState()) };
  }

  setPosition(p: { rng: RngState; samplers: SamplerState[] }): void {
    this.rng.setState(p.rng);
    p.samplers.forEach((s, i) => this.samplers[i].setState(s));
  }

  /** Both generators and both critics, with their optimizers. */
  parts(): TrainedPart[] {
    return this.trained;
  }

  translate(images: tf.Tensor4D, direction: 'ab' | 'ba'): tf.Tensor4D {
    return (direction === 'ab' ? this.ab : this.ba).apply(images) as tf.Tensor4D;
  }

  private judge(images: tf.Tensor4D, domain: 'a' | 'b'): tf.Tensor {
    return this.trained[domain === 'a' ? 2 : 3].model.apply(images) as tf.Tensor;
  }

  /** Enqueues one step; the tensor holds CyclePoint's values after `step`, in order. */
  private enqueueStep(): tf.Tensor1D {
    return tf.tidy(() => {
      const n = this.config.batchSize;
      const [a, b] = this.samplers.map((s) => tf.tensor4d(s.next(), [n, SIDE, SIDE, 1]));
      const [fakeB, fakeA] = [this.translate(a, 'ab'), this.translate(b, 'ba')];
      const dLosses: tf.Tensor[] = [];
      minimizeJointly(() => {
        const real = [this.judge(a, 'a'), this.judge(b, 'b')];
        const fake = [this.judge(fakeA, 'a'), this.judge(fakeB, 'b')];
        const dA = discriminatorLoss('lsgan', real[0], fake[0], 1);
        const dB = discriminatorLoss('lsgan', real[1], fake[1], 1);
        const verdict = ([x, y]: tf.Tensor[]) => tf.div(tf.add(tf.mean(x), tf.mean(y)), 2);
        dLosses.push(tf.keep(dA), tf.keep(dB), tf.keep(verdict(real)), tf.keep(verdict(fake)));
        return tf.add(dA, dB) as tf.Scalar;
      }, this.trained.slice(2)).dispose();
      const gTerms: tf.Tensor[] = [];
      minimizeJointly(
        () => {
          const adv = tf.add(
            generatorLoss('lsgan', this.judge(this.translate(a, 'ab'), 'b')),
            generatorLoss('lsgan', this.judge(this.translate(b, 'ba'), 'a')),
          );
          const cycle = cycleLoss(
            (x) => this.translate(x, 'ab'),
            (x) => this.translate(x, 'ba'),
            a,
            b,
          );
          gTerms.push(tf.keep(adv), tf.keep(cycle));
          return tf.add(adv, tf.mul(cycle, this.cycleWeight)) as tf.Scalar;
        },
        this.trained.slice(0, 2),
      ).dispose();
      const out = tf.stack([...dLosses, ...gTerms]) as tf.Tensor1D;
      tf.dispose([...dLosses, ...gTerms]);
      return out;
    });
  }

  /** k steps and their values in one awaited read. */
  async steps(k: number): Promise<CyclePoint[]> {
    return (await stepRows(k, () => this.enqueueStep())).map(([dA, dB, dReal, dFake, gAdversarial, cycle]) => ({
      step: ++this.stepCount,
      dA,
      dB,
      dReal,
      dFake,
      gAdversarial,
      cycle,
    }));
  }

  /** The mean cycle loss over held-out images of both sets (inference only). */
  async heldOutCycle(a: tf.Tensor4D, b: tf.Tensor4D): Promise<number> {
    const loss = cycleLoss(
      (x) => this.translate(x, 'ab'),
      (x) => this.translate(x, 'ba'),
      a,
      b,
    );
    const [v] = await loss.data();
    loss.dispose();
    return v;
  }

  /** One row per pair of fixed images: a | A->B | A->B->A | b | B->A | B->A->B. */
  async showcase(a: tf.Tensor4D, b: tf.Tensor4D): Promise<RgbaImage> {
    const rows = tf.tidy(() => {
      const [ab, ba] = [this.translate(a, 'ab'), this.translate(b, 'ba')];
      return tf.clipByValue(tf.stack([a, ab, this.translate(ab, 'ba'), b, ba, this.translate(ba, 'ab')], 1), -1, 1);
    });
    const values = (await rows.data()) as Float32Array;
    rows.dispose();
    return renderGrid(values, 6, a.shape[0]);
  }

  dispose(): void {
    disposeParts(this.trained);
  }
}
