import type { RunConfig } from './protocol';
import { defaultConfig } from './hyperparams';
import { RUN_KEYS, SETTINGS } from './settings';

const PRESET_KEYS = RUN_KEYS.filter((k) => SETTINGS[k].preset);

export type PresetId = 'keras' | 'dcgan-paper' | 'strong-d' | 'mode-collapse';

/** A known setting to start from: the settings it fills in, and what to watch for once it trains. */
export interface Preset {
  label: string;
  /** One sentence, shown under the select. */
  watch: string;
  /** The settings a Reset applies; seed, batch size and where it runs stay the user's. */
  settings: Omit<RunConfig, 'seed' | 'batchSize' | 'dataset' | 'backend' | 'readEvery'>;
}

/** The settings the table marks as a preset's to fill in. */
function settingsOf(c: RunConfig): Preset['settings'] {
  return Object.fromEntries(PRESET_KEYS.map((k) => [k, c[k]])) as Preset['settings'];
}

const mlp = defaultConfig('mlp');

export const PRESETS: Record<PresetId, Preset> = {
  keras: {
    label: 'Keras tutorial defaults',
    watch: 'MLP, Adam 1e-3 both sides: blurry digits within a few hundred steps; D(x) and D(G(z)) hover around 0.5.',
    settings: settingsOf(mlp),
  },
  'dcgan-paper': {
    label: 'DCGAN paper settings',
    watch: 'DCGAN-28 with Adam 2e-4, β1 0.5 (Radford et al.): slow per step without a GPU, sharp strokes once it gets going.',
    settings: settingsOf(defaultConfig('dcgan')),
  },
  'strong-d': {
    label: 'Discriminator too strong',
    watch: 'D learns 10× faster than G: D(x) → 1 and D(G(z)) → 0, G loss climbs and the grid stays noise for long.',
    settings: settingsOf({ ...mlp, dLearningRate: mlp.dLearningRate * 10 }),
  },
  // Checked on the cpu backend (batch 64, seed 42): by step 250 all of 200 samples were nearest to one real
  // digit, mean pairwise distance 2.7 (real digits: 19.9; the Keras defaults at step 1000: 11.3, all 10 digits).
  'mode-collapse': {
    label: 'Mode collapse',
    watch: 'G at 10× the usual rate with β1 0.9: within a few hundred steps every noise vector draws the same one or two digits, and D(G(z)) drops to 0.',
    settings: settingsOf({ ...mlp, gLearningRate: 1e-2, beta1: 0.9 }),
  },
};
