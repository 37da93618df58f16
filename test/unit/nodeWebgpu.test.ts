// `npm run bench -- --node-webgpu` must not rot on a machine without a GPU:
// here Dawn finds Chromium's SwiftShader, the engine's WebGPU backend passes
// its self-test, trains the MLP and gives back every tensor.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { findAdapter, installWebgpuBackend, measure } from '../../scripts/bench/nodeWebgpu';

describe('the engine on WebGPU in Node (Dawn)', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds an adapter, names it, and trains the MLP with tensors flat', async () => {
    const found = await findAdapter(() => {});
    expect(
      found,
      'no WebGPU adapter: the test needs the Vulkan loader (apt-get install libvulkan1; scripts/test.sh does it) and Chromium (its SwiftShader Vulkan driver) at /usr/lib/chromium',
    ).not.toBeNull();
    expect(found!.adapter.name).not.toBe('unknown adapter');
    await installWebgpuBackend(found!.gpu);
    expect(tf.getBackend()).toBe('webgpu');
    const r = await measure('mlp', { models: ['mlp'], seconds: 1, warmup: 0 }, () => {});
    expect(r.imgPerSec).toBeGreaterThan(0);
    expect(r.tensorsAfter).toBe(0);
  });
});
