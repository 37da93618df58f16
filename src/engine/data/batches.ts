import type { Rng } from '../../shared/rng';
import type { IdxImages } from './mnist';

/** Where the sampler is: the epoch's shuffled order and how far through it. */
export interface SamplerState {
  order: Uint32Array;
  cursor: number;
  epoch: number;
}

/**
 * Draws batches in a shuffled order, one pass over the set per epoch, into one
 * reused buffer so the training loop allocates nothing per step on the JS side.
 */
export class BatchSampler {
  private order: Uint32Array;
  private cursor = 0;
  private buffer: Float32Array;
  /** The classes of the batch `next()` returned last (zeros for a set without labels). Valid until the next call. */
  readonly labels: Uint8Array;
  epoch = 0;

  constructor(
    private readonly set: IdxImages & { labels?: Uint8Array },
    private readonly rng: Rng,
    readonly batchSize: number,
  ) {
    this.order = new Uint32Array(set.count).map((_, i) => i);
    this.buffer = new Float32Array(batchSize * set.rows * set.cols);
    this.labels = new Uint8Array(batchSize);
    this.shuffle();
  }

  private shuffle(): void {
    const o = this.order;
    for (let i = o.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
  }

  /** Pixels scaled to [-1, 1], shape [batchSize, rows*cols], with their classes in `labels`. Valid until the next call. */
  next(): Float32Array {
    const size = this.set.rows * this.set.cols;
    const px = this.set.pixels;
    for (let b = 0; b < this.batchSize; b++) {
      if (this.cursor >= this.order.length) {
        this.cursor = 0;
        this.epoch++;
        this.shuffle();
      }
      const index = this.order[this.cursor++];
      if (this.set.labels) this.labels[b] = this.set.labels[index];
      const src = index * size;
      const dst = b * size;
      for (let k = 0; k < size; k++) this.buffer[dst + k] = px[src + k] / 127.5 - 1;
    }
    return this.buffer;
  }

  /** A copy of the position (the order is copied: the sampler reshuffles it in place). */
  getState(): SamplerState {
    return { order: this.order.slice(), cursor: this.cursor, epoch: this.epoch };
  }

  /** The caller checks the state fits this set (see checkpoint.ts); the order is copied. */
  setState(s: SamplerState): void {
    this.order = s.order.slice();
    this.cursor = s.cursor;
    this.epoch = s.epoch;
  }

  /** Fraction of the current epoch done, for a fractional epoch counter. */
  get progress(): number {
    return this.epoch + this.cursor / this.order.length;
  }
}
