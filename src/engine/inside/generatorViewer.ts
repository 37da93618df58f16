import * as tf from '@tensorflow/tfjs';
import type { Command, ExportMeta, WorkerEvent } from '../../shared/protocol';
import { loadGeneratorZip } from '../export/export';
import { classesOf, type GeneratorSource } from './generatorSource';
import { Rng } from '../../shared/rng';
import { oneHot } from '../models/conditional';
import { GRID_SIDE, gridClasses, renderGrid } from '../train/samples';
import type { RgbaImage } from '../../shared/protocol';
import { openedTaskView, type HeldOutImages, type OpenedInput } from './openedTask';

/** A downloaded generator opened on its own: sample it, nothing to train. The run, if any, is untouched. */
export class GeneratorViewer {
  private model: tf.LayersModel | null = null;
  private meta: ExportMeta | null = null;

  constructor(
    private readonly heldOut: HeldOutImages,
    /** The applications a download may be of, by task (their plug-ins). */
    private readonly openable: ReadonlyMap<string, OpenedInput>,
  ) {}
  private latent = 0;
  private step = 0;
  private classes = 0;

  /** Checks and loads; on failure the generator already open stays open. */
  async open(bytes: ArrayBuffer): Promise<ExportMeta> {
    const { model, meta } = await loadGeneratorZip(new Uint8Array(bytes), this.openable);
    this.close();
    this.model = model;
    this.meta = meta;
    this.latent = meta.latentSize;
    this.step = meta.step;
    this.classes = meta.numClasses ?? 0;
    return meta;
  }

  /** The open generator's model (the samples export copies it); null if none is open. */
  openModel(): tf.LayersModel | null {
    return this.model;
  }

  /** The open application's generator and its step, if it is one of `task`. */
  taskModel(task: string): { model: tf.LayersModel; step: number } | null {
    return this.meta?.task === task && this.model ? { model: this.model, step: this.step } : null;
  }

  /** The open generator for the latent views and the samples export; null if none is open (or it takes images, not noise). */
  source(): GeneratorSource | null {
    const model = this.model;
    if (!model || this.meta?.task) return null;
    const width = model.inputs[0].shape[1] ?? this.latent;
    return { latent: this.latent, classes: classesOf(width, this.latent), step: this.step, generate: (x) => model.predict(x) as tf.Tensor };
  }

  /** A grid from noise seeded by `seed`: the same seed, the same grid. A conditional generator draws one row per class. */
  async sample(seed: number): Promise<RgbaImage> {
    const model = this.model;
    if (!model) throw new Error('no generator is open');
    const cells = this.classes ? gridClasses(null, GRID_SIDE, this.classes) : { labels: [], rows: GRID_SIDE };
    const n = GRID_SIDE * cells.rows;
    const images = tf.tidy(() => {
      const z = tf.tensor2d(new Rng(seed).fillNormal(new Float32Array(n * this.latent)), [n, this.latent]);
      return model.predict(this.classes ? tf.concat([z, oneHot(cells.labels)], 1) : z) as tf.Tensor;
    });
    const values = (await images.data()) as Float32Array;
    images.dispose();
    return renderGrid(values, GRID_SIDE, cells.rows);
  }

  /** The viewer's commands; a bad file throws (GeneratorFileError) and leaves the open one as it was. */
  async handle(
    cmd: Extract<Command, { type: 'openGenerator' | 'sampleGenerator' | 'closeGenerator' }>,
    post: (e: WorkerEvent, t?: Transferable[]) => void,
  ): Promise<void> {
    if (cmd.type === 'closeGenerator') return this.close();
    let seed = 1;
    if (cmd.type === 'openGenerator') post({ type: 'generatorOpened', fileName: cmd.fileName, meta: await this.open(cmd.bytes) });
    else seed = cmd.seed;
    const meta = this.meta;
    const model = this.model;
    const opened = meta?.task && this.openable.get(meta.task);
    const grid = meta && opened && model ? await openedTaskView(model, meta, opened, this.heldOut, seed) : await this.sample(seed);
    post({ type: 'generated', seed, ...grid }, [grid.pixels.buffer]);
  }

  close(): void {
    this.model?.dispose();
    this.model = null;
    this.meta = null;
  }
}
