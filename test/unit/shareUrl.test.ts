import { describe, expect, it } from 'vitest';
import { defaultConfig, liveOf } from '../../src/shared/hyperparams';
import type { RunConfig } from '../../src/shared/protocol';
import { readSetup, writeSetup } from '../../src/page/state/shareUrl';

const custom: RunConfig = { ...defaultConfig('dcgan'), batchSize: 32, seed: 1234, gLearningRate: 3e-4, dLearningRate: 1.5e-4, beta1: 0.6 };
const live = liveOf(custom);

describe('the setup in the URL', () => {
  it('round-trips every setting exactly and keeps the other flags', () => {
    const query = writeSetup(custom, live, '?backend=wasm&k=5&faults');
    const params = new URLSearchParams(query);
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('k')).toBe('5');
    expect(params.has('faults')).toBe(true);
    expect(readSetup(query)).toEqual({ config: custom, problems: [] });
  });

  it('writes the live values in force, not the ones the run started with', () => {
    const query = writeSetup(custom, { ...live, dLearningRate: 1e-7 }, '');
    expect(readSetup(query).config?.dLearningRate).toBe(1e-7);
  });

  it('a link without settings leaves the choice to the app', () => {
    expect(readSetup('?backend=webgl&faults')).toEqual({ config: null, problems: [] });
  });

  it('missing settings take the model’s defaults', () => {
    expect(readSetup('?model=dcgan&seed=5').config).toEqual({ ...defaultConfig('dcgan'), seed: 5 });
  });

  it('bad values fall back field by field, each with a message naming it and what was used', () => {
    const { config, problems } = readSetup('?model=mlp&batchSize=3&seed=abc&gLearningRate=2&dLearningRate=0.0005&beta1=&dataset=cifar');
    expect(config).toEqual({ ...defaultConfig('mlp'), dLearningRate: 0.0005 });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/batchSize="3" must be a whole number from 8 to 512; using 64/);
    expect(problems.join('\n')).toMatch(/seed="abc" .*; using 42/);
    expect(problems.join('\n')).toMatch(/gLearningRate="2" must be a number > 0 and ≤ 1; using 0.001/);
    expect(problems.join('\n')).toMatch(/beta1="" .*; using 0.5/);
    expect(problems.join('\n')).toMatch(/dataset="cifar" must be one of mnist.*; using mnist/);
  });

  it('an unknown model falls back to the MLP and its defaults', () => {
    const { config, problems } = readSetup('?model=gpt&seed=9');
    expect(config).toEqual({ ...defaultConfig('mlp'), seed: 9 });
    expect(problems).toEqual([expect.stringMatching(/^model="gpt" must be one of mlp, dcgan, dcgan-lite, dcgan-seed.*; using mlp$/)]);
  });

  it('your own images cannot come with a link: it says so and uses MNIST', () => {
    const { config, problems } = readSetup('?model=mlp&dataset=custom&seed=9');
    expect(config).toEqual({ ...defaultConfig('mlp'), seed: 9 });
    expect(problems).toEqual(['dataset="custom" cannot travel in a link (drop your images again, then pick “Your images”); using mnist']);
  });
});
