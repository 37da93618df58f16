import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeGan } from '../../src/engine/inside/modelSummary';
import { buildGan } from '../../src/engine/models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rows = (n: ReturnType<typeof summarizeGan>['generator']) => n.layers.map((l) => [l.kind, l.outputShape, l.params]);

describe('model summary (what the diagram shows)', () => {
  it('MLP: the Keras tutorial counts, layer by layer', () => {
    const gan = buildGan('mlp', 1);
    const s = summarizeGan(gan);
    expect(s.generator.inputShape).toEqual([100]);
    expect(rows(s.generator)).toEqual([
      ['Dense', [128], 100 * 128 + 128],
      ['Dense', [784], 128 * 784 + 784],
      ['Reshape', [28, 28, 1], 0],
    ]);
    expect(s.generator.layers.map((l) => l.activation)).toEqual(['relu', 'tanh', undefined]);
    expect(s.generator.params).toBe(100 * 128 + 128 + 128 * 784 + 784);
    expect(s.discriminator.inputShape).toEqual([28, 28, 1]);
    expect(rows(s.discriminator)).toEqual([
      ['Flatten', [784], 0],
      ['Dense', [128], 784 * 128 + 128],
      ['Dense', [1], 128 + 1],
    ]);
    expect(s.discriminator.params).toBe(gan.discriminator.countParams());
    gan.generator.dispose();
    gan.discriminator.dispose();
  });

  it('DCGAN: transposed-conv shapes and BatchNorm with its moving statistics', () => {
    const gan = buildGan('dcgan', 1);
    const g = summarizeGan(gan).generator;
    expect(rows(g)).toEqual([
      ['Dense', [6272], 100 * 7 * 7 * 128],
      ['Reshape', [7, 7, 128], 0],
      ['BatchNormalization', [7, 7, 128], 4 * 128],
      ['ReLU', [7, 7, 128], 0],
      ['Conv2DTranspose', [14, 14, 64], 4 * 4 * 128 * 64],
      ['BatchNormalization', [14, 14, 64], 4 * 64],
      ['ReLU', [14, 14, 64], 0],
      ['Conv2DTranspose', [28, 28, 1], 4 * 4 * 64 + 1],
    ]);
    expect(g.params).toBe(gan.generator.countParams());
    gan.generator.dispose();
    gan.discriminator.dispose();
  });
});
