import type { PhaseName, PhaseReport } from '../../../shared/protocol';

/** The parts of the model diagram. */
export type Part = 'z' | 'G' | 'fake' | 'real' | 'D' | 'out' | 'loss';

export interface PhaseInfo {
  title: string;
  /** What happens, before it has. */
  plan: string;
  /** The diagram parts this phase uses. */
  parts: Part[];
  /** The network whose weights this phase changes. */
  updates?: 'D' | 'G';
}

export const PHASE_INFO: Record<PhaseName, PhaseInfo> = {
  noise: { title: 'Sample noise', plan: 'Draw a batch of noise vectors z: 100 numbers each, from a normal distribution.', parts: ['z'] },
  generate: { title: 'Generate', plan: 'The forger G turns each z into a 28×28 image.', parts: ['z', 'G', 'fake'] },
  discriminate: {
    title: 'D on real and fake',
    plan: 'The detective D scores a batch of real digits and the fakes: 1 means “real”.',
    parts: ['real', 'fake', 'D', 'out'],
  },
  updateD: {
    title: 'Update D',
    plan: 'D’s weights move to call real digits real and fakes fake. G is not touched.',
    parts: ['D', 'out', 'loss'],
    updates: 'D',
  },
  generatorThroughD: {
    title: 'G through D',
    plan: 'The fakes go through the updated D: its verdict is the only signal G gets.',
    parts: ['z', 'G', 'fake', 'D', 'out'],
  },
  updateG: {
    title: 'Update G',
    plan: 'G’s weights move to make D call its fakes real. D is not touched. The step is done.',
    parts: ['G', 'loss'],
    updates: 'G',
  },
};

const f = (v: number | undefined, digits = 3) => (v === undefined ? '–' : v.toFixed(digits));

/** What a phase did, in words and numbers. */
export function phaseResult(r: PhaseReport): string {
  switch (r.phase) {
    case 'noise':
      return `z has mean ${f(r.z?.mean)} and standard deviation ${f(r.z?.std)}.`;
    case 'generate':
      return `Fake pixels range from ${f(r.fake?.min)} to ${f(r.fake?.max)} (mean ${f(r.fake?.mean)}; −1 is black, 1 white).`;
    case 'discriminate':
      return `D(x) = ${f(r.dReal)} on real digits, D(G(z)) = ${f(r.dFake)} on fakes.`;
    case 'updateD':
      return `D loss ${f(r.dLoss, 4)}; D was updated.`;
    case 'generatorThroughD':
      return `The updated D now gives the fakes D(G(z)) = ${f(r.dFake)}.`;
    case 'updateG':
      return `G loss ${f(r.gLoss, 4)}; G was updated. Step ${r.step.toLocaleString()} is done.`;
  }
}
