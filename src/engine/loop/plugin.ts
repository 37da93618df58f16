import type {
  Command,
  DatasetName,
  ExportMeta,
  LiveHyperparams,
  MetricPoint,
  ModelKind,
  PhaseReport,
  RunConfig,
  TaskName,
  WorkerEvent,
} from '../../shared/protocol';
import type { ModelSummary } from '../../shared/modelSummary';
import type { TaskScore } from '../../shared/taskScore';
import type { RngState } from '../../shared/rng';
import type { SamplerState } from '../data/batches';
import type { ImageSet } from '../data/mnist';
import type { HasParts, TrainedPart } from '../train/parts';
import type { SampleGrid } from '../train/samples';
import type { NoiseGenerator } from '../train/noiseGenerator';
import type { QualityClassifier } from '../quality/quality';
import type { GeneratorViewer } from '../inside/generatorViewer';
import type { OpenedInput } from '../inside/openedTask';

// The seam between the loop and the tasks (DESIGN.md, "One loop, tasks as plug-ins"):
// the loop owns commands, batching, saving, rollback and failover; a task owns its
// networks, one step, its views, its measure, its export and its own commands.

/** Where a task's data streams are: its RNG, its sampler, and any further samplers (domain transfer's second set). */
export interface TaskPosition {
  rng: RngState;
  sampler: SamplerState;
  more?: SamplerState[];
}

/** The images a task trains and is measured on. */
export interface TaskData {
  /** The run's data set (domain transfer: set B). */
  train: ImageSet;
  /** Held-out images of the same kind (your own images have none: the first of them). */
  test: ImageSet;
  /** Domain transfer's set A, MNIST digits. */
  digits?: { train: ImageSet; test: ImageSet };
}

/** What a task needs beside its own set: held-out images, MNIST digits, and how many data samplers it runs. */
export interface TaskNeeds {
  test: boolean;
  digits: boolean;
  samplers: number;
}

/** What a task's evaluation may use beyond its own networks. */
export interface TaskTools {
  classifier(dataset: 'mnist' | 'fashion'): Promise<QualityClassifier>;
}

/** A step taken phase by phase (Step phase); the last phase completes the step. */
export interface PhaseSteps {
  advance(): Promise<PhaseReport>;
  /** Finishes the step in progress at once; its point, or null if none was begun. */
  settle(): Promise<MetricPoint | null>;
  dispose(): void;
}

/** A task's generator download: the network and what its ganvas.json says beyond the common fields. */
export interface TaskExport {
  network: TrainedPart['model'];
  meta: Partial<ExportMeta>;
}

/** One run of a task, as the loop drives it (a LightningModule: one step, its parts, its views). */
export interface SessionTask extends HasParts {
  readonly config: RunConfig;
  readonly hyperparams: LiveHyperparams;
  readonly epoch: number;
  setHyperparams(params: Partial<LiveHyperparams>): LiveHyperparams;
  /** k steps, read back with one awaited read; D's and G's losses and D's verdicts as the chart shows them. */
  steps(k: number): Promise<MetricPoint[]>;
  takeTiming(): { dMs: number | null; gMs: number | null };
  /** The live view: the fixed-noise grid, or the task's showcase (one row per fixed held-out image). */
  sampleGrid(): Promise<SampleGrid>;
  weightsFinite(): Promise<boolean>;
  position(): TaskPosition;
  setPosition(p: TaskPosition): void;
  /** The networks as the model panel lists them. */
  summary(): ModelSummary;
  exported(): TaskExport;
  /** The task's measure on held-out images; a task without one is scored by the quality monitor if it makes images from noise. */
  evaluate?(tools: TaskTools): Promise<TaskScore>;
  /** Its generator from noise: the latent and real-vs-fake views, the timelapse, the quality score and the digest sample follow it. */
  readonly fromNoise?: NoiseGenerator;
  dispose(): void;
}

/** The commands that belong to one task; the loop hands each to the plug-in that declares it. */
export type TaskCommand = Extract<Command, { type: 'translate' | 'upscale' | 'runStudy' | 'setSampleClass' }>;

/** What a task's own command may use of the session. */
export interface TaskCommandContext {
  /** The run's task (null while loading): a command checks it is one of its own. */
  task: SessionTask | null;
  /** Opened generator downloads, for commands that work on one. */
  viewer: GeneratorViewer;
  post(event: WorkerEvent, transfer?: Transferable[]): void;
  /** Pauses a running run (a command that needs the networks as they are). */
  pause(): Promise<void>;
  /** A set's training and held-out images. */
  heldOut(dataset: DatasetName): Promise<{ train: ImageSet; test: ImageSet }>;
  /** Sends the grid again (after a change to what it shows). */
  refreshGrid(): Promise<void>;
  yieldToEvents(): Promise<void>;
}

export type TaskCommandHandlers = { [K in TaskCommand['type']]?: (cmd: Extract<TaskCommand, { type: K }>, ctx: TaskCommandContext) => Promise<void> };

/** A task as registered (src/engine/tasks/registry.ts): what the loop and the engine services ask of it before a run exists. */
export interface TaskPlugin {
  readonly id: TaskName;
  readonly needs: TaskNeeds;
  build(config: RunConfig, data: TaskData): SessionTask;
  /** The model as run-file messages name it. */
  describe(config: RunConfig): string;
  /** Backend probing: what the progress line calls the model, which model's speed to judge by, and what else keys the choice. */
  probe(config: RunConfig): { label: string; model: ModelKind; key: string };
  /** A step of `task` phase by phase (Step phase), if the task shows its phases. */
  phaseSteps?(task: SessionTask): PhaseSteps;
  /** An opened download of this task (its ganvas.json names the task). */
  readonly opened?: OpenedInput;
  readonly commands?: TaskCommandHandlers;
}
