import { describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig, validateLive } from '../../src/engine/hyperparams';

describe('hyperparameter validation', () => {
  it.each([0, -1e-3, 1.5, NaN, Infinity, '0.1' as unknown as number, undefined as unknown as number])(
    'refuses learning rate %s',
    (v) => {
      expect(validateLive({ gLearningRate: v }).gLearningRate).toMatch(/> 0 and ≤ 1/);
      expect(validateLive({ dLearningRate: v }).dLearningRate).toMatch(/> 0 and ≤ 1/);
    },
  );

  it('accepts learning rates in (0, 1] and beta1 in [0, 1)', () => {
    expect(validateLive({ gLearningRate: 1, dLearningRate: 1e-6, beta1: 0 })).toEqual({});
    expect(validateLive({ beta1: 0.999 })).toEqual({});
    expect(validateLive({ beta1: 1 }).beta1).toBeDefined();
    expect(validateLive({ beta1: -0.1 }).beta1).toBeDefined();
  });

  it('checks batch size and seed on reset', () => {
    const c = defaultConfig('mlp');
    expect(validateConfig(c)).toEqual({});
    expect(validateConfig({ ...c, batchSize: 7 }).batchSize).toBeDefined();
    expect(validateConfig({ ...c, batchSize: 64.5 }).batchSize).toBeDefined();
    expect(validateConfig({ ...c, batchSize: 513 }).batchSize).toBeDefined();
    expect(validateConfig({ ...c, seed: -1 }).seed).toBeDefined();
    expect(validateConfig({ ...c, model: 'gpt' as never }).model).toBeDefined();
  });
});
