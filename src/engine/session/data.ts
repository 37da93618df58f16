import type { Command, DatasetName, RunConfig } from '../../shared/protocol';
import type { WorkerEvent } from '../../shared/protocol';
import { loadOwnImages, preview, SIDE, type DecodeImage } from '../data/customImages';
import type { ImageSet } from '../data/mnist';
import { Refusal } from '../loop/refusal';
import type { DataSplit } from './io';
import type { TaskData, TaskNeeds } from '../loop/plugin';

/** Your own images held out for a task's measure: the first of them (they have no test set). */
const OWN_HELD_OUT = 1000;

type Load = (dataset: DatasetName, onProgress: (msg: string) => void, split?: DataSplit) => Promise<ImageSet>;

/**
 * The session's training data: the data set the current run asks for,
 * fetched once and kept until a run asks for another, and your own images
 * once dropped (kept beside it, as nothing can fetch them again).
 */
export class SessionData {
  private current: { dataset: DatasetName; set: ImageSet } | null = null;
  private own: ImageSet | null = null;
  /** Sets a task needs beside the current one (held-out images, domain transfer's digits), fetched once. */
  private readonly extra = new Map<string, Promise<ImageSet>>();

  constructor(
    private readonly load: Load,
    private readonly decode: DecodeImage,
  ) {}

  get set(): ImageSet | null {
    return this.current?.set ?? null;
  }

  async get(dataset: DatasetName, onProgress: (msg: string) => void): Promise<ImageSet> {
    if (dataset === 'custom') {
      if (!this.own)
        throw new Refusal(
          'no images of your own loaded: drop a folder or a zip of images under “Your images” first (a run trained on your images needs them again to resume)',
        );
      this.current = { dataset, set: this.own };
    } else if (this.current?.dataset !== dataset) {
      this.current = { dataset, set: await this.load(dataset, onProgress) };
    }
    return this.current.set;
  }

  /** The current set and what the run's task needs besides. */
  async forTask(config: RunConfig, needs: TaskNeeds, onProgress: (msg: string) => void): Promise<TaskData> {
    const { train, test } = needs.test ? await this.withHeldOut(config.dataset, onProgress) : { train: await this.get(config.dataset, onProgress), test: null };
    if (!test) return { train, test: train };
    if (!needs.digits) return { train, test };
    const digits = { train: await this.fetchOnce('mnist', 'train', onProgress), test: await this.fetchOnce('mnist', 'test', onProgress) };
    return { train, test, digits };
  }

  /** A set's training images and its held-out ones. */
  async withHeldOut(dataset: DatasetName, onProgress: (msg: string) => void): Promise<{ train: ImageSet; test: ImageSet }> {
    const train = await this.get(dataset, onProgress);
    return { train, test: await this.heldOut(dataset, train, onProgress) };
  }

  /** A set's held-out images, leaving the current set as it is (an opened generator works on them beside the run). */
  async testSet(dataset: DatasetName, onProgress: (msg: string) => void): Promise<ImageSet> {
    if (dataset !== 'custom') return this.fetchOnce(dataset, 'test', onProgress);
    if (!this.own) throw new Refusal('this generator trained on someone’s own images: drop images under “Your images” to give it some to work on');
    return this.heldOut(dataset, this.own, onProgress);
  }

  private heldOut(dataset: DatasetName, train: ImageSet, onProgress: (msg: string) => void): Promise<ImageSet> {
    if (dataset !== 'custom') return this.fetchOnce(dataset, 'test', onProgress);
    const n = Math.min(OWN_HELD_OUT, train.count);
    return Promise.resolve({ ...train, count: n, pixels: train.pixels.subarray(0, n * train.rows * train.cols), labels: train.labels.subarray(0, n) });
  }

  private fetchOnce(dataset: DatasetName, split: DataSplit, onProgress: (msg: string) => void): Promise<ImageSet> {
    if (split === 'train' && this.current?.dataset === dataset) return Promise.resolve(this.current.set);
    const key = `${dataset}/${split}`;
    let set = this.extra.get(key);
    if (!set) {
      set = this.load(dataset, onProgress, split);
      this.extra.set(key, set);
      set.catch(() => this.extra.delete(key));
    }
    return set;
  }

  /** A loaded run's own images become the ones to train on (the run passed every check first). */
  adoptOwn(pixels: Uint8Array, count: number): { event: WorkerEvent; transfer: Transferable[] } {
    // As when dropped: no classes, every label 0.
    const set: ImageSet = { count, rows: SIDE, cols: SIDE, pixels, labels: new Uint8Array(count) };
    this.own = set;
    const grid = preview(set);
    return { event: { type: 'imagesLoaded', count: set.count, inverted: 0, skipped: [], preview: grid }, transfer: [grid.pixels.buffer] };
  }

  /** Decodes dropped files; a refusal keeps the images there were. */
  async addOwn(cmd: Extract<Command, { type: 'loadImages' }>): Promise<{ event: WorkerEvent; transfer: Transferable[] }> {
    const { set, event, transfer } = await loadOwnImages(cmd, this.decode);
    this.own = set ?? this.own;
    return { event, transfer };
  }
}
