import type { Command, GeneratorSourceName, WorkerEvent } from '../../shared/protocol';
import type { ImageSet } from '../data/mnist';
import { classesOf, type GeneratorSource } from './generatorSource';
import { GeneratorViewer } from './generatorViewer';
import { LATENT_SIZE } from '../../shared/settings';
import { renderLatent } from './latentViews';
import { realVsFake } from './realVsFake';
import { SamplesExport } from '../export/samplesExport';
import type { PngEncoder } from '../export/samplesZip';
import { grayOf, Timelapse, timelapseGif } from '../../shared/formats/timelapse';
import type { NoiseGenerator } from '../train/noiseGenerator';
import type { RgbaImage } from '../../shared/protocol';
import type { HeldOutImages, OpenedInput } from './openedTask';

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
type ViewerCommand = Extract<Command, { type: 'openGenerator' | 'sampleGenerator' | 'closeGenerator' }>;
export type InsideCommand = Extract<Command, { type: 'renderLatent' | 'exportTimelapse' | 'exportSamples' }> | ViewerCommand;

/** A request this view cannot serve (nothing open, nothing recorded): said to the user, training goes on. */
export class ViewRefusal extends Error {
  override name = 'ViewRefusal';
}

/** The generator being trained, seen as a source for the latent views and exports. */
export function liveSource(trainer: NoiseGenerator): GeneratorSource {
  const width = trainer.gan.generator.inputs[0].shape[1] ?? LATENT_SIZE;
  return { latent: LATENT_SIZE, classes: classesOf(width, LATENT_SIZE), step: trainer.stepCount, generate: (x) => trainer.generate(x) };
}

/**
 * The views the worker renders beside training: the timelapse it records
 * from the grid, real vs fake with D's scores, latent-space renders, the
 * samples export, and an opened generator download ("generator only"). The
 * session calls `onGrid` with every grid it renders.
 */
export class InsideViews {
  readonly timelapse = new Timelapse();
  readonly viewer: GeneratorViewer;
  private readonly samples: SamplesExport;

  constructor(
    private readonly post: Post,
    encodePng: PngEncoder,
    private readonly trainer: () => NoiseGenerator | null,
    yieldToEvents: () => Promise<void>,
    heldOut: HeldOutImages,
    openable: ReadonlyMap<string, OpenedInput>,
  ) {
    this.samples = new SamplesExport(post, encodePng, yieldToEvents);
    this.viewer = new GeneratorViewer(heldOut, openable);
  }

  dispose(): void {
    this.viewer.close();
  }

  /** A new or loaded run starts a fresh timelapse (a save holds no grids). */
  reset(): void {
    this.timelapse.clear();
  }

  dropAfter(step: number): void {
    this.timelapse.dropAfter(step);
  }

  /** Before the grid's pixels are transferred away: keep a frame if due, and score real vs fake. */
  async onGrid(trainer: NoiseGenerator, grid: RgbaImage, data: ImageSet | null): Promise<void> {
    const step = trainer.stepCount;
    if (this.timelapse.due(step)) {
      const gray = grayOf(grid.pixels);
      this.timelapse.add(step, gray, grid.width, grid.height);
      const copy = gray.slice();
      this.post({ type: 'timelapseFrame', step, every: this.timelapse.every, width: grid.width, height: grid.height, gray: copy }, [copy.buffer]);
    }
    if (!data) return;
    const event = await realVsFake(trainer, data);
    this.post(event, [event.real.gray.buffer, event.fake.gray.buffer]);
  }

  /** A refusal becomes an error message and changes nothing. */
  async handle(cmd: InsideCommand): Promise<void> {
    if (cmd.type === 'openGenerator' || cmd.type === 'sampleGenerator' || cmd.type === 'closeGenerator') return this.viewer.handle(cmd, this.post);
    try {
      await this.serve(cmd, (name) => {
        const trainer = this.trainer();
        return name === 'opened' ? this.viewer.source() : trainer && liveSource(trainer);
      });
    } catch (e) {
      if (!(e instanceof ViewRefusal || e instanceof RangeError)) throw e;
      this.post({ type: 'error', code: cmd.type === 'renderLatent' ? 'command' : 'export', message: e.message, recoverable: true });
      this.samples.announce();
    }
  }

  private async serve(cmd: Exclude<InsideCommand, ViewerCommand>, sourceOf: (name: GeneratorSourceName) => GeneratorSource | null): Promise<void> {
    const need = (name: GeneratorSourceName) => {
      const s = sourceOf(name);
      if (!s) throw new ViewRefusal(name === 'live' ? 'No model yet: wait for it to load.' : 'No generator is open.');
      return s;
    };
    switch (cmd.type) {
      case 'renderLatent': {
        const source = need(cmd.request.source);
        const images = await renderLatent(source, cmd.request);
        return this.post({ type: 'latentRendered', request: cmd.request, images, classes: source.classes }, [images.gray.buffer]);
      }
      case 'exportTimelapse': {
        const frames = this.timelapse.frames;
        if (!frames.length) throw new ViewRefusal('The timelapse has no frames yet: train for a few steps first.');
        const gif = timelapseGif(this.timelapse);
        const step = frames[frames.length - 1].step;
        return this.post(
          { type: 'timelapseExported', bytes: gif.buffer as ArrayBuffer, fileName: `ganvas-timelapse-step-${step}.gif`, frames: frames.length },
          [gif.buffer],
        );
      }
      case 'exportSamples': {
        const busy = this.samples.refusal();
        if (busy) throw new ViewRefusal(busy);
        const source = need(cmd.source);
        const model = cmd.source === 'opened' ? this.viewer.openModel() : this.trainer()?.gan.generator;
        if (!model) throw new ViewRefusal('No generator to export from.');
        // Not awaited: training goes on while it runs.
        return this.samples.start(cmd, model, source);
      }
    }
  }
}
