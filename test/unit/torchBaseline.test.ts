// The bench's PyTorch reference (scripts/bench/torch_baseline.py) must train the
// engine's networks, or its img/s is not a reference: same parameter counts,
// same tensor sizes, for every model. Needs Debian's python3-torch; without it
// the test fails with the apt command (ensureTorch), never skips.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTorch } from '../../scripts/bench/torch';
import { buildGan } from '../../src/engine/models';
import type { ModelKind } from '../../src/shared/protocol';

const SCRIPT = fileURLToPath(new URL('../../scripts/bench/torch_baseline.py', import.meta.url));
const MODELS: ModelKind[] = ['mlp', 'dcgan', 'dcgan-lite', 'dcgan-seed'];

interface Shapes {
  model: ModelKind;
  gTrainable: number;
  gParams: number;
  gSizes: number[];
  dTrainable: number;
  dParams: number;
  dSizes: number[];
}

/** The same numbers for the engine's network: trainable sizes, and all weights (BatchNorm statistics too). */
function engine(net: tf.LayersModel) {
  const sizes = net.trainableWeights.map((w) => w.read().size).sort((a, b) => a - b);
  return { trainable: sizes.reduce((a, b) => a + b, 0), params: net.countParams(), sizes };
}

let torch: Shapes[] = [];

beforeAll(() => {
  ensureTorch((m) => console.log(`torch baseline test: ${m}`));
  const out = execFileSync('/usr/bin/python3', [SCRIPT, '--check-shapes', '--batch', '2', '--model', MODELS.join(',')], { encoding: 'utf8', timeout: 120_000 });
  torch = out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Shapes);
}, 20 * 60_000);

describe('the PyTorch reference trains the same networks as the engine', () => {
  it.each(MODELS)('%s: G and D have the same parameter counts and tensor sizes', async (model) => {
    await tf.setBackend('cpu');
    const ref = torch.find((r) => r.model === model);
    expect(ref, `torch_baseline.py --check-shapes printed no line for ${model}`).toBeDefined();
    const gan = buildGan(model, 1);
    const [g, d] = [engine(gan.generator), engine(gan.discriminator)];
    gan.generator.dispose();
    gan.discriminator.dispose();
    expect({ trainable: ref?.gTrainable, params: ref?.gParams, sizes: ref?.gSizes }, 'G').toEqual(g);
    expect({ trainable: ref?.dTrainable, params: ref?.dParams, sizes: ref?.dSizes }, 'D').toEqual(d);
  });
});
