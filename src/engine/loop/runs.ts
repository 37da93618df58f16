import type { RunConfig } from '../../shared/protocol';
import { defaultConfig, describeErrors, validateConfig } from '../../shared/hyperparams';
import type { RunArchive } from '../runfile/runArchive';
import { Refusal } from './refusal';
import type { LoopState } from './state';
import type { Stepper } from './steps';

type LoadedFrom = 'resume' | 'import' | 'failover';

/** Starting runs: a new one, one from a run file, or the same one on another backend after its backend died. */
export class Runs {
  constructor(
    private readonly state: LoopState,
    private readonly stepper: Stepper,
  ) {}

  /** Builds the run a config asks for (from a checked run file if `loaded`); a bad config refuses before the current run is touched. */
  async build(requested: RunConfig, autoModel: boolean, loaded?: { run: RunArchive; from: LoadedFrom }): Promise<void> {
    const { state } = this;
    const { services } = state;
    const data = await services.data.forTask(requested, state.tasks.of(requested.task).needs, state.progress);
    const reports = await services.backends.detected(requested.backend);
    const config = autoModel
      ? { ...defaultConfig(services.recommendModel(reports)), dataset: requested.dataset, seed: requested.seed, backend: requested.backend }
      : requested;
    // Validate before tearing down the current run, so a bad reset loses nothing.
    const errors = validateConfig(config);
    if (Object.keys(errors).length) throw new Refusal(describeErrors(errors));
    const plugin = state.tasks.of(config.task);
    this.stepper.reset();
    state.running = false;
    state.stream.clear();
    state.task?.dispose();
    state.task = null;
    const choice = await services.backends.use(plugin, config, data, state.progress);
    const task = plugin.build(config, data);
    state.task = task;
    if (loaded) {
      services.applyRun(task, loaded.run);
      services.record.adopt(loaded.run, loaded.from !== 'import');
    } else {
      services.record.fresh();
    }
    services.record.images = config.dataset === 'custom' ? data.train : null;
    services.autosave.restart(loaded && loaded.from !== 'import' ? task.stepCount : -1);
    services.quality.restart();
    await services.record.keepHostCopy(task, services.backends.name, true);
    services.lastGood.keep(task);
    this.ready(choice, data.train.count, loaded?.from);
    state.status();
    services.inside.reset();
    await state.stream.samples(task);
    state.stream.memory();
  }

  /** The `ready` event: the backend, the config, the model, and for a loaded run its history. */
  private ready(choice: Awaited<ReturnType<LoopState['services']['backends']['use']>>, trainImages: number, from: LoadedFrom | undefined): void {
    const task = this.state.requireTask();
    const { record } = this.state.services;
    const metrics = from ? record.history.toRows() : null;
    this.state.io.post(
      {
        type: 'ready',
        backend: choice.name,
        reason: choice.reason,
        reports: choice.reports,
        config: task.config,
        live: task.hyperparams,
        trainImages,
        runId: record.runId,
        summary: task.summary(),
        ...(from && metrics
          ? {
              loaded: {
                from,
                step: task.stepCount,
                metrics,
                changes: [...record.changes],
                quality: [...record.quality],
                taskScores: [...record.taskScores],
              },
            }
          : {}),
      },
      metrics ? [metrics.buffer] : [],
    );
  }

  /** Every check runs before the current run is touched: a bad file leaves it training as it was. */
  async load(bytes: ArrayBuffer, resume: boolean): Promise<void> {
    const { services, io } = this.state;
    const dataFor = async (dataset: RunConfig['dataset']) => ({ dataset, count: (await services.data.get(dataset, this.state.progress)).count });
    const { run, config } = await services.readRun(bytes, dataFor, this.state.task?.config);
    if (run.images) {
      const { event, transfer } = services.data.adoptOwn(run.images, run.meta.sampler.count);
      io.post(event, transfer);
    }
    await this.build(config, false, { run, from: resume ? 'resume' : 'import' });
  }

  /**
   * The backend died: continue on the next one from the best copy there is
   * (read from the dying backend if it still can be, else the host copy).
   */
  async failover(reason: string): Promise<void> {
    const { state } = this;
    const { services } = state;
    const task = state.requireTask();
    const from = services.backends.name;
    const reachedStep = task.stepCount;
    state.running = false;
    const { run, exact } = await services.salvage(task, from, services.backends.deviceGone);
    await services.backends.fail(reason);
    services.quality.dispose(); // its weights lived on the backend that died
    const config: RunConfig = { ...task.config };
    delete config.backend; // a forced backend that died is forced no more
    await this.build(config, false, { run, from: 'failover' });
    const where = exact
      ? `lost nothing (step ${run.meta.step})`
      : `went back to step ${run.meta.step}, the last copy (${reachedStep - run.meta.step} steps lost)`;
    state.error('backend', `${from} stopped working: ${reason}. Training moved to ${services.backends.name} and ${where}.`, true);
  }
}
