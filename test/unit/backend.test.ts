import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, pickBackend, recommendModel, verifyBackend, worthProbing } from '../../src/engine/backends/backend';
import type { BackendReport } from '../../src/shared/protocol';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';
const here: BackendReport[] = [
  { name: 'webgpu', ok: false, detail: 'the browser offers no WebGPU adapter', isSoftware: false },
  { name: 'webgl', ok: true, detail: SWIFTSHADER, isSoftware: true },
  { name: 'wasm', ok: true, detail: 'SIMD, single thread', isSoftware: false },
  { name: 'cpu', ok: true, detail: 'plain JavaScript', isSoftware: false },
];

describe('backend choice', () => {
  it('recognises software renderers', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)')).toBe(false);
  });

  it('does not probe conv models on a software GPU when WASM works, nor cpu when WASM works', () => {
    expect(worthProbing(here[1], 'dcgan', here)).toBe(false);
    expect(worthProbing(here[1], 'mlp', here)).toBe(true);
    expect(worthProbing(here[3], 'mlp', here)).toBe(false);
    expect(worthProbing(here[0], 'mlp', here)).toBe(false);
  });

  it('picks the fastest probed backend and says why, naming the software renderer it passed over', () => {
    const probed = here.map((r) => ({ ...r, imgPerSec: r.name === 'wasm' ? 1800 : r.name === 'webgl' ? 800 : undefined }));
    const { name, reason } = pickBackend(probed);
    expect(name).toBe('wasm');
    expect(reason).toMatch(/fastest in a probe: 1800 img\/s vs webgl 800/);
    expect(reason).toMatch(/webgpu unavailable: the browser offers no WebGPU adapter/);
    expect(reason).toMatch(/webgl is a software renderer/);
  });

  it('a real GPU wins when it is faster, and makes DCGAN the recommended model', () => {
    const gpu: BackendReport[] = [
      { name: 'webgpu', ok: true, detail: 'nvidia ampere', isSoftware: false, imgPerSec: 9000 },
      { name: 'wasm', ok: true, detail: 'SIMD', isSoftware: false, imgPerSec: 1800 },
    ];
    expect(pickBackend(gpu).name).toBe('webgpu');
    expect(recommendModel(gpu)).toBe('dcgan');
    expect(recommendModel(here)).toBe('mlp');
  });

  it('fails clearly when nothing works', () => {
    expect(() => pickBackend(here.map((r) => ({ ...r, ok: false })))).toThrow(/no tfjs backend works/);
  });

  it('verifies the cpu backend with a known computation', async () => {
    await expect(verifyBackend('cpu')).resolves.toBeUndefined();
    expect(tf.getBackend()).toBe('cpu');
  });
});
