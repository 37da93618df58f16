import { useSyncExternalStore } from 'react';
import type { Lab2dPhaseReport } from '../../../shared/lab2dProtocol';
import { PHASES, type PhaseName } from '../../../shared/protocol';
import { frames, onFrame } from '../../state/lab2dStore';

/** The banner's word for each phase, its data-phase: the lab speaks of sampling points and of the push (the digits' list has its own). */
const WORD: Record<PhaseName, string> = {
  noise: 'sample',
  generate: 'generate',
  discriminate: 'discriminate',
  updateD: 'updateD',
  generatorThroughD: 'push',
  updateG: 'updateG',
};

const f = (v: number | undefined, digits = 2) => (v === undefined ? '?' : v.toFixed(digits));

/** What each phase did, in words a newcomer can follow, with its numbers. */
function describe(r: Lab2dPhaseReport): string {
  switch (r.phase) {
    case 'noise':
      return 'Sample: a batch of real points (green) and as many noise vectors (the side view).';
    case 'generate':
      return 'Generate: G maps each noise vector to a fake (purple).';
    case 'discriminate':
      return `Discriminate: D scores the batch: mean D(x) ${f(r.dReal)} on real points, D(G(z)) ${f(r.dFake)} on fakes.`;
    case 'updateD':
      return `Update D: ${r.dUpdates === 1 ? 'one step' : `${r.dUpdates} steps`} down D's loss (${f(r.dLoss, 3)}), and the heatmap shifts: now D(x) ${f(r.dReal)}, D(G(z)) ${f(r.dFake)}.`;
    case 'generatorThroughD':
      return `Push: the arrows are minus the gradient of G's loss at each fake, where G's update will move it (mean length ${f(r.meanPush, 3)}).`;
    case 'updateG':
      return `Update G: G steps along the pushes (its loss ${f(r.gLoss, 3)}); the batch's fakes moved ${f(r.moved, 3)} on average. The step is done.`;
  }
}

const phaseOf = (i: 0 | 1) => () => frames[i]?.phase ?? null;

/** Under the canvases while a step is taken phase by phase: which phase ran and what it did (B's numbers too, side by side). */
export function PhaseBanner() {
  const a = useSyncExternalStore(onFrame, phaseOf(0));
  const b = useSyncExternalStore(onFrame, phaseOf(1));
  if (!a) return null;
  return (
    <p className="lab-phase" role="status" data-phase={WORD[a.phase]}>
      <strong>{`Phase ${PHASES.indexOf(a.phase) + 1} of ${PHASES.length}. `}</strong>
      {describe(a)}
      {b && <span className="muted">{` B: ${describe(b)}`}</span>}
    </p>
  );
}
