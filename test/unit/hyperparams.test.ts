import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../src/shared/commands';
import { defaultConfig, validateConfig, validateLive } from '../../src/shared/hyperparams';

describe('hyperparameter validation', () => {
  it.each([0, -1e-3, 1.5, NaN, Infinity, '0.1' as unknown as number, undefined as unknown as number])('refuses learning rate %s', (v) => {
    expect(validateLive({ gLearningRate: v }).gLearningRate).toMatch(/> 0 and ≤ 1/);
    expect(validateLive({ dLearningRate: v }).dLearningRate).toMatch(/> 0 and ≤ 1/);
  });

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

  it('checks the D:G ratio and label smoothing (live) with messages that say the range', () => {
    expect(validateLive({ dSteps: 1, labelSmoothing: 0 })).toEqual({});
    expect(validateLive({ dSteps: 10, labelSmoothing: 0.5 })).toEqual({});
    for (const bad of [0, 11, 2.5, NaN]) expect(validateLive({ dSteps: bad }).dSteps).toBe('must be a whole number of D steps per G step, 1 to 10');
    for (const bad of [-0.1, 0.6, NaN])
      expect(validateLive({ labelSmoothing: bad }).labelSmoothing).toBe('must be a number from 0 (off) to 0.5 (real target 0.5)');
  });

  it('checks loss, conditional and instance noise on reset', () => {
    const c = defaultConfig('mlp');
    expect(validateConfig({ ...c, loss: 'hinge', conditional: true, instanceNoise: 0.1 })).toEqual({});
    expect(validateConfig({ ...c, loss: 'wgan' as never }).loss).toMatch(/one of bce, lsgan, hinge, wgan-gp/);
    expect(validateConfig({ ...defaultConfig('dcgan-seed'), conditional: true }).conditional).toMatch(/MLP, DCGAN and DCGAN-lite, not DCGAN \(seed\)/);
    expect(validateConfig({ ...c, instanceNoise: -0.1 }).instanceNoise).toMatch(/from 0 \(off\) to 1/);
    expect(validateConfig({ ...c, instanceNoise: 2 }).instanceNoise).toBeDefined();
  });

  it('a WGAN-GP run without a D:G ratio gets 5 critic steps per G step; the other losses 1', () => {
    const c: Record<string, unknown> = { ...defaultConfig('mlp') };
    delete c.dSteps;
    expect(parseRunConfig({ ...c, loss: 'wgan-gp' }, 'config').dSteps).toBe(5);
    for (const loss of ['bce', 'lsgan', 'hinge']) expect(parseRunConfig({ ...c, loss }, 'config').dSteps).toBe(1);
  });
});
