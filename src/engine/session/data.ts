import type { Command, DatasetName } from '../../shared/protocol';
import type { WorkerEvent } from '../../shared/protocol';
import { loadOwnImages, preview, SIDE, type DecodeImage } from '../data/customImages';
import type { ImageSet } from '../data/mnist';
import { HyperparamError } from '../train/trainer';

type Load = (dataset: DatasetName, onProgress: (msg: string) => void) => Promise<ImageSet>;

/**
 * The session's training data: the data set the current run asks for,
 * fetched once and kept until a run asks for another, and your own images
 * once dropped (kept beside it, as nothing can fetch them again).
 */
export class SessionData {
  private current: { dataset: DatasetName; set: ImageSet } | null = null;
  private own: ImageSet | null = null;

  constructor(
    private readonly load: Load,
    private readonly decode: DecodeImage,
  ) {}

  get set(): ImageSet | null {
    return this.current?.set ?? null;
  }

  async get(dataset: DatasetName, onProgress: (msg: string) => void): Promise<ImageSet> {
    if (dataset === 'custom') {
      if (!this.own) throw new HyperparamError('no images of your own loaded: drop a folder or a zip of images under “Your images” first (a run trained on your images needs them again to resume)');
      this.current = { dataset, set: this.own };
    } else if (this.current?.dataset !== dataset) {
      this.current = { dataset, set: await this.load(dataset, onProgress) };
    }
    return this.current.set;
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
