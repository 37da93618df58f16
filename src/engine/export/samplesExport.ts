import type * as tf from '@tensorflow/tfjs';
import type { Command, WorkerEvent } from '../../shared/protocol';
import { loadModel, saveModel } from './export';
import type { GeneratorSource } from '../inside/generatorSource';
import { samplesZip, type PngEncoder } from './samplesZip';

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
type ExportCommand = Extract<Command, { type: 'exportSamples' }>;

/**
 * The samples export, run beside training instead of in its place: it renders
 * from a copy of the generator taken when it starts (every image from one
 * step, whatever training does meanwhile) and yields to the training loop
 * after every batch, saying how far it got. One at a time.
 */
export class SamplesExport {
  private progress: { done: number; count: number } | null = null;

  constructor(
    private readonly post: Post,
    private readonly encodePng: PngEncoder,
    private readonly yieldToEvents: () => Promise<void>,
  ) {}

  /** Why a new export cannot start now, or null when it can. */
  refusal(): string | null {
    const p = this.progress;
    return p
      ? `An export of ${p.count.toLocaleString('en')} samples is already running (${p.done.toLocaleString('en')} done): wait for it to finish, then export again.`
      : null;
  }

  /** Tells the page again where the running export is (after a refusal cleared its busy state). */
  announce(): void {
    if (this.progress) this.post({ type: 'samplesProgress', ...this.progress });
  }

  /** Starts the export and returns at once; its end (a zip or an error) arrives as an event. */
  start(cmd: ExportCommand, model: tf.LayersModel, source: GeneratorSource): void {
    this.progress = { done: 0, count: cmd.count };
    this.announce();
    void this.run(cmd, model, source)
      .catch((e: unknown) =>
        this.post({ type: 'error', code: 'export', message: `The samples export failed: ${e instanceof Error ? e.message : String(e)}`, recoverable: true }),
      )
      .finally(() => (this.progress = null));
  }

  private async run(cmd: ExportCommand, model: tf.LayersModel, source: GeneratorSource): Promise<void> {
    const { modelJson, weights } = await saveModel(model);
    const copy = await loadModel(modelJson, weights);
    try {
      const frozen: GeneratorSource = { ...source, generate: (x) => copy.predict(x) as tf.Tensor };
      const zip = await samplesZip(frozen, cmd.count, cmd.seed, this.encodePng, cmd.classLabel, async (done) => {
        this.progress = { done, count: cmd.count };
        this.announce();
        await this.yieldToEvents();
      });
      const fileName = `ganvas-samples-${cmd.source === 'opened' ? 'opened-' : ''}step-${source.step}-${cmd.count}.zip`;
      this.post({ type: 'samplesExported', bytes: zip.buffer as ArrayBuffer, fileName, count: cmd.count }, [zip.buffer]);
    } finally {
      copy.dispose();
    }
  }
}
