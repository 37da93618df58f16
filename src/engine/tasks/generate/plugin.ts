import type { Command } from '../../../shared/protocol';
import { MODEL_LABELS } from '../../../shared/choices/models';
import { TASK_LABELS } from '../../../shared/tasks';
import { STUDY_BATCH, STUDY_SEEDS, STUDY_STEPS } from '../../../shared/study';
import type { SessionTask, TaskCommandContext, TaskPlugin } from '../../loop/plugin';
import { Refusal } from '../../loop/refusal';
import { augmentationStudy, generatedSet } from './augment/study';
import { PhaseStepper } from './phaseStepper';
import { GanTrainer } from './trainer';

/** The run's GAN, for what only generating digits from noise has (phases, the grid's class, the study). */
function digitsRun(task: SessionTask | null, what: string): GanTrainer {
  if (!task) throw new Refusal('no model yet: wait for it to load');
  if (!(task instanceof GanTrainer)) throw new Refusal(`${what} is part of “${TASK_LABELS.generate}”; this run is ${TASK_LABELS[task.config.task]}`);
  return task;
}

/** The augmentation study on the current conditional generator, three seeds, reported as it goes; it pauses training (it needs the generator as it is). */
async function runStudy(cmd: Extract<Command, { type: 'runStudy' }>, ctx: TaskCommandContext): Promise<void> {
  const task = ctx.task;
  if (!task) throw new Refusal('no model yet: wait for it to load');
  await ctx.pause();
  if (!(task instanceof GanTrainer) || !task.config.conditional || task.config.dataset === 'custom') {
    throw new Refusal(
      'the augmentation study needs a conditional generator trained on MNIST or Fashion-MNIST: its images must come with labels, and the test set with them',
    );
  }
  const { train, test } = await ctx.heldOut(task.config.dataset);
  const plan = { real: cmd.real, added: cmd.added, seeds: STUDY_SEEDS, steps: STUDY_STEPS, batch: STUDY_BATCH };
  ctx.post({ type: 'studyProgress', done: 0, total: plan.seeds.length * 2 });
  const result = await augmentationStudy(
    train,
    test,
    plan,
    (n) => generatedSet(task, n, cmd.real),
    (done, total) => ctx.post({ type: 'studyProgress', done, total }),
    () => ctx.yieldToEvents(),
  );
  ctx.post({ type: 'studyResult', result: { ...result, step: task.stepCount } });
}

/** Digits from noise: the GAN (MLP or DCGAN), its phases, its latent views and the augmentation study. */
export const generate: TaskPlugin = {
  id: 'generate',
  needs: { test: false, digits: false, samplers: 1 },
  build: (config, data) => new GanTrainer(config, data.train),
  describe: (c) => `${c.conditional ? 'conditional ' : ''}${c.model}${c.loss === 'wgan-gp' ? ' (WGAN-GP critic, no BatchNorm)' : ''}`,
  probe: (c) => ({ label: MODEL_LABELS[c.model], model: c.model, key: c.model }),
  phaseSteps: (task) => new PhaseStepper(digitsRun(task, 'Stepping through the phases')),
  commands: {
    async setSampleClass(cmd, ctx) {
      digitsRun(ctx.task, 'Picking the digit the grid shows').setSampleClass(cmd.classIndex);
      await ctx.refreshGrid();
    },
    runStudy,
  },
};
