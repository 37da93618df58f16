import type { RunConfig } from './protocol';
import { CLASS_NAMES } from './choices/datasets';
import { UNCONDITIONAL_MODELS } from './choices/models';
import { TASKS } from './tasks';

/** Why a run cannot be conditional: the message validation gives, and the hint the Conditional field shows. */
export interface NoClasses {
  problem: string;
  hint: string;
}

/**
 * The one rule for "conditional": G needs a class input (not the seed's
 * DCGAN), the data needs classes (not your own images), and the task must
 * have classes to ask for. Validation, a Reset's config and the field all
 * ask here. Values outside the table (a link being checked) count as having
 * classes, except a task: only a known one with classes has them.
 */
export function whyNoClasses(c: Pick<RunConfig, 'task' | 'model' | 'dataset'>): NoClasses | undefined {
  if (UNCONDITIONAL_MODELS.includes(c.model))
    return {
      problem: 'is available for the MLP, DCGAN and DCGAN-lite, not DCGAN (seed)',
      hint: 'Not for DCGAN (seed): pick MLP or DCGAN to condition on the digit.',
    };
  if (CLASS_NAMES[c.dataset]?.length === 0)
    return { problem: 'needs classes, and your own images have none', hint: 'Your own images have no classes to condition on.' };
  if (!TASKS[c.task]?.classes)
    return { problem: 'is for generating from noise; this task has no classes to ask for', hint: 'This task has no classes to ask for.' };
  return undefined;
}

/** What the Conditional field says when it can be ticked. */
export const CONDITIONAL_HINT = 'G gets the class as a one-hot after the noise; D beside the image.';
