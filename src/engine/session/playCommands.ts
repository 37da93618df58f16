import type * as tf from '@tensorflow/tfjs';
import type { Command, GeneratorSourceName, WorkerEvent } from '../../shared/protocol';
import type { GeneratorViewer } from '../inside/generatorViewer';
import { TASK_LABELS, UPSCALE_FACTOR } from '../../shared/tasks';
import { messageOf } from '../../shared/errors';
import { upscaleImage } from '../superres/superRes';
import type { UpscaleFactor } from '../superres/networks';
import { STUDY_BATCH, STUDY_SEEDS, STUDY_STEPS } from '../../shared/study';
import { PairedTask } from '../paired/pairedTask';
import { SIDE } from '../paired/pairedTrainer';
import { drawDigit } from '../sketch/sketch';
import { augmentationStudy, generatedSet } from '../augment/study';
import type { ImageSet } from '../data/mnist';
import { GanTrainer, HyperparamError } from '../train/trainer';
import type { SessionTask } from './task';

// What a user does with a trained model beyond watching it train: draw for it, or ask whether its images help.

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** The generator a play command asks for: the live run's (if it is that task) or an opened download of that task, with its step. */
function generatorFor(
  task: SessionTask | null,
  viewer: GeneratorViewer,
  source: GeneratorSourceName,
  want: 'sketch' | 'superres',
): { model: tf.LayersModel; step: number; factor: UpscaleFactor } {
  if (source === 'opened') {
    const opened = viewer.taskModel(want);
    if (!opened) throw new HyperparamError(`no ${TASK_LABELS[want]} generator is open`);
    // The download's checks allow only 7x7 and 14x14 inputs for super-resolution (export.ts).
    return { model: opened.model, step: opened.step, factor: (SIDE / (opened.model.inputs[0].shape[1] ?? SIDE)) as UpscaleFactor };
  }
  if (!(task instanceof PairedTask) || task.config.task !== want)
    throw new HyperparamError(`this is part of “${TASK_LABELS[want]}”; this run is ${task ? TASK_LABELS[task.config.task] : 'still loading'}`);
  return { model: task.trainer.generator, step: task.stepCount, factor: UPSCALE_FACTOR[task.config.upscale] };
}

/** A drawing through a sketch-to-digit generator. */
export async function translateDrawing(
  task: SessionTask | null,
  viewer: GeneratorViewer,
  cmd: Extract<Command, { type: 'translate' }>,
  post: Post,
): Promise<void> {
  const { model, step } = generatorFor(task, viewer, cmd.source, 'sketch');
  const { sketch, output } = await drawDigit((x) => model.apply(x) as tf.Tensor4D, cmd.pixels);
  const image = (gray: Uint8Array) => ({ count: 1, size: SIDE, gray });
  post({ type: 'translated', source: cmd.source, request: cmd.request, step, sketch: image(sketch), output: image(output) }, [sketch.buffer, output.buffer]);
}

/** Your own image through a super-resolution generator. */
export async function upscaleOwn(task: SessionTask | null, viewer: GeneratorViewer, cmd: Extract<Command, { type: 'upscale' }>, post: Post): Promise<void> {
  const { model, step, factor } = generatorFor(task, viewer, cmd.source, 'superres');
  let made;
  try {
    made = await upscaleImage((x) => model.apply(x) as tf.Tensor4D, factor, cmd.pixels, cmd.side);
  } catch (e) {
    throw new HyperparamError(messageOf(e));
  }
  const { low, bicubic, output } = made;
  const image = (gray: Uint8Array, size: number) => ({ count: 1, size, gray });
  post(
    {
      type: 'upscaled',
      source: cmd.source,
      request: cmd.request,
      step,
      low: image(low, SIDE / factor),
      bicubic: image(bicubic, SIDE),
      output: image(output, SIDE),
    },
    [low.buffer, bicubic.buffer, output.buffer],
  );
}

export interface StudyIO {
  post: Post;
  /** The run's training and held-out images. */
  sets(): Promise<{ train: ImageSet; test: ImageSet }>;
  yieldToEvents(): Promise<void>;
}

/** The augmentation study on the current conditional generator, three seeds, reported as it goes. */
export async function runStudy(task: SessionTask, cmd: Extract<Command, { type: 'runStudy' }>, io: StudyIO): Promise<void> {
  if (!(task instanceof GanTrainer) || !task.config.conditional || task.config.dataset === 'custom') {
    throw new HyperparamError(
      'the augmentation study needs a conditional generator trained on MNIST or Fashion-MNIST: its images must come with labels, and the test set with them',
    );
  }
  const { train, test } = await io.sets();
  const plan = { real: cmd.real, added: cmd.added, seeds: STUDY_SEEDS, steps: STUDY_STEPS, batch: STUDY_BATCH };
  io.post({ type: 'studyProgress', done: 0, total: plan.seeds.length * 2 });
  const result = await augmentationStudy(
    train,
    test,
    plan,
    (n) => generatedSet(task, n, cmd.real),
    (done, total) => io.post({ type: 'studyProgress', done, total }),
    () => io.yieldToEvents(),
  );
  io.post({ type: 'studyResult', result: { ...result, step: task.stepCount } });
}
