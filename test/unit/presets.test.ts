import { describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig } from '../../src/shared/hyperparams';
import { PRESETS } from '../../src/shared/presets';

describe('presets', () => {
  it.each(Object.entries(PRESETS))('%s is a valid run with one sentence on what to watch for', (_, p) => {
    expect(validateConfig({ ...defaultConfig(p.settings.model), ...p.settings })).toEqual({});
    expect(p.watch).toMatch(/^[^.]+[.:][^]*\.$/);
  });

  it('say what they claim: the paper DCGAN at 2e-4 / β1 0.5, D ten times faster, a fast G with β1 0.9', () => {
    expect(PRESETS['dcgan-paper'].settings).toMatchObject({ model: 'dcgan', gLearningRate: 2e-4, dLearningRate: 2e-4, beta1: 0.5 });
    expect(PRESETS['strong-d'].settings.dLearningRate).toBeCloseTo(10 * PRESETS.keras.settings.dLearningRate);
    expect(PRESETS['mode-collapse'].settings).toMatchObject({ model: 'mlp', gLearningRate: 1e-2, beta1: 0.9 });
  });
});
