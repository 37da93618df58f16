import type { Command, WorkerEvent } from '../../shared/protocol';
import { TASK_LABELS, UPSCALE_FACTOR } from '../../shared/names/taskNames';
import { messageOf } from '../../shared/errors';
import { upscaleImage } from '../superres/superRes';
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

/** A drawing through the live sketch-to-digit generator. */
export async function translateDrawing(task: SessionTask, cmd: Extract<Command, { type: 'translate' }>, post: Post): Promise<void> {
  if (!(task instanceof PairedTask) || task.config.task !== 'sketch') throw new HyperparamError(`drawing is part of “${TASK_LABELS.sketch}”; this run is ${TASK_LABELS[task.config.task]}`);
  const { sketch, output } = await drawDigit((x) => task.trainer.translate(x), cmd.pixels);
  const image = (gray: Uint8Array) => ({ count: 1, size: SIDE, gray });
  post({ type: 'translated', request: cmd.request, step: task.stepCount, sketch: image(sketch), output: image(output) }, [sketch.buffer, output.buffer]);
}

/** Your own image through the live super-resolution generator. */
export async function upscaleOwn(task: SessionTask, cmd: Extract<Command, { type: 'upscale' }>, post: Post): Promise<void> {
  if (!(task instanceof PairedTask) || task.config.task !== 'superres') throw new HyperparamError(`upscaling your own image is part of “${TASK_LABELS.superres}”; this run is ${TASK_LABELS[task.config.task]}`);
  const factor = UPSCALE_FACTOR[task.config.upscale];
  let made;
  try {
    made = await upscaleImage(task.trainer, factor, cmd.pixels, cmd.side);
  } catch (e) {
    throw new HyperparamError(messageOf(e));
  }
  const { low, bicubic, output } = made;
  const image = (gray: Uint8Array, size: number) => ({ count: 1, size, gray });
  post({ type: 'upscaled', request: cmd.request, step: task.stepCount, low: image(low, SIDE / factor), bicubic: image(bicubic, SIDE), output: image(output, SIDE) }, [low.buffer, bicubic.buffer, output.buffer]);
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
    throw new HyperparamError('the augmentation study needs a conditional generator trained on MNIST or Fashion-MNIST: its images must come with labels, and the test set with them');
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
