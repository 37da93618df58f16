import { describe, expect, it } from 'vitest';
import { parseArgs, QUALITY_STEPS, type BenchArgs } from '../../scripts/bench/args';
import { formatQualityRun, pickRows, type QualityRun } from '../../scripts/bench/qualityTable';
import type { QualityReading } from '../../scripts/bench/recorder';

const parsed = (argv: string[]): BenchArgs => {
  const a = parseArgs(argv);
  if (a === 'help') throw new Error('expected flags, got help');
  return a;
};

describe('npm run bench -- --quality flags', () => {
  it('trains the MLP and DCGAN-28 for the default budgets unless told otherwise', () => {
    const a = parsed(['--quality']);
    expect(a.quality).toBe(true);
    expect(a.models).toEqual(['mlp', 'dcgan']);
    expect(a.qualitySteps).toEqual(QUALITY_STEPS);
  });

  it('overrides the budget of the models named and keeps the others', () => {
    const a = parsed(['--quality', '--quality-steps', 'mlp=2000, dcgan=100.4']);
    expect(a.qualitySteps).toEqual({ ...QUALITY_STEPS, mlp: 2000, dcgan: 100 });
    expect(parsed(['--quality', '--quality-steps=dcgan-seed=50']).qualitySteps['dcgan-seed']).toBe(50);
  });

  it('lets --model choose the models, in either order', () => {
    expect(parsed(['--model', 'dcgan-seed', '--quality']).models).toEqual(['dcgan-seed']);
    expect(parsed(['--quality', '--model', 'mlp']).models).toEqual(['mlp']);
  });

  it('refuses unknown models and budgets that are not positive numbers, saying what it expects', () => {
    expect(() => parseArgs(['--quality-steps', 'gan=5'])).toThrow(/model=steps.*mlp, dcgan, dcgan-lite, dcgan-seed.*'gan=5'/);
    expect(() => parseArgs(['--quality-steps', 'mlp'])).toThrow(/model=steps/);
    expect(() => parseArgs(['--quality-steps', 'mlp=0'])).toThrow(/> 0, got '0'/);
    expect(() => parseArgs(['--quality-steps', 'mlp=lots'])).toThrow(/> 0, got 'lots'/);
  });

  it('leaves the speed bench as it was', () => {
    const a = parsed([]);
    expect(a.quality).toBe(false);
    expect(a.models).toEqual(['mlp', 'dcgan', 'dcgan-lite', 'dcgan-seed']);
  });
});

const reading = (step: number, t = step * 10): QualityReading => ({ t, step, fd: 500 / step, floor: 3.64, score: 9 - 100 / step, modes: 10 });

describe('the --quality table', () => {
  it('shows the first evaluation, then the first one at or past each share of the budget, once each', () => {
    const readings = [50, 100, 150, 200, 260, 320, 380, 440, 500, 560].map((s) => reading(s));
    expect(pickRows(readings, 500).map((r) => r.step)).toEqual([50, 100, 150, 260, 380, 500]);
    // The run stops at the first evaluation past the budget: that one is the last row.
    expect(
      pickRows(readings.slice(0, 9), 480)
        .map((r) => r.step)
        .at(-1),
    ).toBe(500);
    expect(pickRows([], 500)).toEqual([]);
  });

  it('prints the setup, the values, a real-data row and where the grid went', () => {
    const run: QualityRun = {
      label: 'MLP',
      seed: 42,
      batch: 64,
      backend: 'WASM',
      budget: 2000,
      readings: [reading(1000, 10_000), reading(2050, 20_500)],
      cpu: { benchCores: 1.04, otherCores: 0.96 },
      grid: { file: 'docs/img/quality-mlp.png', step: 2060 },
    };
    const text = formatQualityRun(run, 9.714352);
    expect(text).toContain('**MLP**, seed 42, batch 64, 2,000 steps, on WASM:');
    expect(text).toContain('| 1,000 | 10 | 6,400 | 0.50 | 8.90 | 10 |');
    expect(text).toContain('| 2,050 | 21 | 6,400 | 0.24 | 8.95 | 10 |');
    expect(text).toContain('| real test images (K = 1000) | | | 3.64 | 9.71 | 10 |');
    expect(text).toContain('2,050 steps in 21 s of wall time (evaluations included), 2 evaluations. CPU cores used by the bench / by other work: 1.0 / 1.0.');
    expect(text).toContain('Final grid (step 2,060): docs/img/quality-mlp.png');
  });

  it('says so when no evaluation arrived', () => {
    const run: QualityRun = { label: 'DCGAN', seed: 42, batch: 64, backend: 'WASM', budget: 10, readings: [], cpu: null, grid: { file: 'x.png', step: 0 } };
    expect(formatQualityRun(run, 9.71)).toBe('DCGAN: no quality evaluation arrived');
  });
});
