import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * Hands out initializers with distinct, deterministic seeds so that the same
 * run seed rebuilds bit-identical networks.
 */
export class SeededInit {
  private n = 0;
  constructor(private readonly seed: number) {}

  private nextSeed(): number {
    this.n += 1;
    return (this.seed * 1009 + this.n * 7919) % 2147483647;
  }

  glorot(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.nextSeed() });
  }

  /** DCGAN paper: weights from N(0, 0.02). */
  normal02(): Initializer {
    return tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.nextSeed() });
  }
}
