// What each 2D lab preset does on a seed in Node: every 200 steps
// the modes covered by 1,000 fixed fakes, the mean push-arrow length and the losses.
// Usage: npx tsx scripts/bench/lab2dPresets.ts [steps, default 1000] [seed, default 1]
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { modeCoverage } from '../../src/engine/lab2d/metrics';
import { pushArrows } from '../../src/engine/lab2d/views';
import { modesOf } from '../../src/shared/lab2dData';
import { LAB2D_PRESETS } from '../../src/shared/lab2dPresets';
import { lab2dDefaults } from '../../src/shared/settings';
import type { Lab2dConfig } from '../../src/shared/lab2dProtocol';

const STEPS = Number(process.argv[2] ?? 1000);
const SEED = Number(process.argv[3] ?? 1);
const N = 1000;

const setups: [string, Partial<Lab2dConfig>][] = LAB2D_PRESETS.flatMap((p) => [[p.name, p.config], ...(p.versus ? [[`${p.name} (B)`, { ...p.config, ...p.versus }]] : [])] as [string, Partial<Lab2dConfig>][]);

for (const [label, config] of setups) {
  const gan = new Gan2d({ ...lab2dDefaults(), ...config, seed: SEED });
  const z = new Float64Array(N * gan.config.noiseSize);
  gan.drawNoise(z, N);
  const out = new Float64Array(2 * N);
  console.log(label);
  for (let s = 1; s <= STEPS; s++) {
    const m = gan.trainStep();
    if (s % 200 !== 0) continue;
    gan.generate(z, N, out);
    const arrows = pushArrows(gan, out, N);
    let len = 0;
    for (let i = 0; i < N; i++) len += Math.hypot(arrows[2 * i], arrows[2 * i + 1]) / N;
    const c = modeCoverage(out, N, modesOf(gan.config.data));
    console.log(`  step ${s}: modes ${c.covered}/8, mean arrow ${len.toFixed(2)}, D loss ${m.dLoss.toFixed(2)}, G loss ${m.gLoss.toFixed(2)}`);
  }
}
