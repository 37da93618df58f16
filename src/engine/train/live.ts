import type { LiveHyperparams } from '../../shared/protocol';
import { describeErrors, validateLive } from '../../shared/hyperparams';
import { Refusal } from '../loop/refusal';
import type { TrainedPart } from './parts';

/** Critics' parts take D's learning rate, every other part G's; all take β1. */
export function applyRates(parts: TrainedPart[], live: LiveHyperparams): void {
  for (const p of parts) {
    p.opt.learningRate = CRITICS.has(p.name) ? live.dLearningRate : live.gLearningRate;
    p.opt.beta1 = live.beta1;
  }
}

const CRITICS = new Set(['d', 'da', 'db']);

/** Validates live changes and merges them; throws Refusal and changes nothing if any is bad. */
export function mergeLive(live: LiveHyperparams, params: Partial<LiveHyperparams>): LiveHyperparams {
  const errors = validateLive(params);
  if (Object.keys(errors).length) throw new Refusal(describeErrors(errors));
  return { ...live, ...params };
}
