// What each 2D lab preset does over seeds in Node: every `every` steps the modes covered by
// 2,000 fixed fakes (as the lab's chart counts them), their mean push-arrow length and D(G(z)),
// and at the end the losses.
// Usage: npx tsx scripts/bench/lab2dPresets.ts [steps, default 1000] [seeds, default 1] [preset name filter] [every, default 200]
//   [settings to change, as JSON, e.g. '{"dLearningRate":2e-4}']
import { Gan2d } from '../../src/engine/lab2d/gan2d';
import { modeCoverage } from '../../src/engine/lab2d/metrics';
import { pushArrows } from '../../src/engine/lab2d/views';
import { modesOf } from '../../src/shared/lab2dData';
import { LAB2D_PRESETS } from '../../src/shared/lab2dPresets';
import { Rng } from '../../src/shared/rng';
import { lab2dDefaults } from '../../src/shared/settings';
import type { Lab2dConfig } from '../../src/shared/lab2dProtocol';

const STEPS = Number(process.argv[2] ?? 1000);
const SEEDS = (process.argv[3] ?? '1').split(',').map(Number);
const FILTER = process.argv[4] ?? '';
const EVERY = Number(process.argv[5] ?? 200);
const OVERRIDE = JSON.parse(process.argv[6] ?? '{}') as Partial<Lab2dConfig>;
const N = 2000;

const setups = LAB2D_PRESETS.filter((p) => p.name.includes(FILTER)).flatMap(
  (p) => [[p.name, p.config], ...(p.versus ? [[`${p.name} (B)`, { ...p.config, ...p.versus }]] : [])] as [string, Partial<Lab2dConfig>][],
);

for (const [label, config] of setups) {
  for (const seed of SEEDS) {
    const gan = new Gan2d({ ...lab2dDefaults(), ...config, ...OVERRIDE, seed });
    // Its own stream, as the lab's: measuring never changes the training's random numbers.
    const show = new Rng(seed ^ 0x5eed);
    const z = Float64Array.from({ length: N * gan.config.noiseSize }, () => show.normal());
    const out = new Float64Array(2 * N);
    const started = performance.now();
    const row: string[] = [];
    const pushes: string[] = [];
    let last = '';
    for (let s = 1; s <= STEPS; s++) {
      const m = gan.trainStep();
      if (s % EVERY !== 0) continue;
      gan.generate(z, N, out);
      const arrows = pushArrows(gan, out, N);
      let len = 0;
      for (let i = 0; i < N; i++) len += Math.hypot(arrows[2 * i], arrows[2 * i + 1]) / N;
      row.push(String(modeCoverage(out, N, modesOf(gan.config.data)).covered));
      pushes.push(`${len.toFixed(2)}@${m.dFake.toFixed(2)}`);
      last = `mean arrow ${len.toFixed(2)}, D loss ${m.dLoss.toFixed(2)}, G loss ${m.gLoss.toFixed(2)}`;
    }
    const sps = (STEPS * 1000) / (performance.now() - started);
    console.log(
      `${label}, seed ${seed}: modes every ${EVERY} steps ${row.join(' ')}; mean arrow@D(G(z)) ${pushes.join(' ')}; at the end ${last}; ${sps.toFixed(0)} steps/s`,
    );
  }
}
