import type { Lab2dConfig } from './lab2dProtocol';

/** A known 2D setup and what to watch in it; `versus` runs a second setup beside it. */
export interface Lab2dPreset {
  name: string;
  watch: string;
  config: Partial<Lab2dConfig>;
  versus?: Partial<Lab2dConfig>;
}

export const COLLAPSE: Partial<Lab2dConfig> = { data: 'ring', loss: 'bce', unroll: 0, dLearningRate: 2e-4, gLearningRate: 1e-3 };

export const LAB2D_PRESETS: Lab2dPreset[] = [
  {
    name: 'Mode collapse on the ring',
    watch:
      "A plain BCE GAN with a slower D (LR 2e-4): the fakes pile onto a few blobs and hop between them; 'modes covered' stays at 4 of 8 or fewer through 2,500 steps (seeds 1-5).",
    config: COLLAPSE,
  },
  {
    name: 'Unrolled fixes it',
    watch:
      "Same setup, but G's update looks 5 of D's steps ahead and is differentiated through them: the fakes spread to all eight blobs by about 2,250 steps (seeds 1-5).",
    config: { ...COLLAPSE, unroll: 5 },
  },
  {
    name: 'Unrolled vs plain, side by side',
    watch: 'The two setups above on the same data and seed: one chart, two canvases.',
    config: COLLAPSE,
    versus: { unroll: 5 },
  },
  {
    name: 'WGAN-GP on the ring',
    watch: "The critic's scores are unbounded (no saturation), and on seed 1 the fakes reach all eight blobs by about 600 steps.",
    config: { data: 'ring', loss: 'wgan-gp', dSteps: 5, unroll: 0 },
  },
  {
    name: 'D too strong',
    watch:
      "D trains 5 times per G step at 5x the rate and rejects most fakes (D(G(z)) about 0.1-0.3). A uses the original minimax loss log(1 - D(G(z))), whose push fades as D wins: its arrows stay 3-7x shorter than B's, the non-saturating loss, at the same D(G(z)) (seed 1, first 1,000 steps).",
    config: { data: 'ring', loss: 'bce', dSteps: 5, dLearningRate: 5e-3, gLossForm: 'minimax' },
    versus: { gLossForm: 'nonSaturating' },
  },
  {
    name: 'Oscillation',
    watch: 'Learning rates of 0.02: the fakes never settle, and the blobs they cover keep changing (4 to 6 of 8 over 1,000 steps on seed 1).',
    config: { data: 'ring', loss: 'bce', gLearningRate: 0.02, dLearningRate: 0.02 },
  },
];
