// --quality's Markdown: the app's quality evaluations over one training run.
import type { CpuShare } from './cpu';
import type { QualityReading } from './recorder';

export interface QualityRun {
  label: string;
  seed: number;
  batch: number;
  /** The app's backend line, e.g. "wasm: SIMD, threads". */
  backend: string;
  /** Steps asked for; the run ends at the first evaluation at or after it. */
  budget: number;
  /** Evaluations in order, `t` in ms since Train was clicked. */
  readings: QualityReading[];
  cpu: CpuShare | null;
  /** Where the final grid went, and the step it shows. */
  grid: { file: string; step: number };
}

/** Rows at the first evaluation, then the first at or after these shares of the budget: early progress is fast, so denser there. */
const SHARES = [1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 3 / 4, 1];

/** The evaluations the table shows: the first one and the first at or past each share of the budget, each once. */
export function pickRows(readings: QualityReading[], budget: number): QualityReading[] {
  const rows = new Set<QualityReading>(readings.slice(0, 1));
  for (const share of SHARES) {
    const r = readings.find((x) => x.step >= share * budget);
    if (r) rows.add(r);
  }
  return [...rows];
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One model's section: a sentence on the setup, the table (with a real-data row) and where the grid is. */
export function formatQualityRun(run: QualityRun, realScore: number): string {
  const last = run.readings.at(-1);
  if (!last) return `${run.label}: no quality evaluation arrived`;
  const lines = [
    `**${run.label}**, seed ${run.seed}, batch ${run.batch}, ${int(run.budget)} steps, on ${run.backend}:`,
    '',
    '| step | wall s | img/s (wall) | FD | classifier score | classes covered |',
    '|-----:|-------:|-------------:|---:|-----------------:|----------------:|',
  ];
  for (const r of pickRows(run.readings, run.budget)) {
    const s = r.t / 1000;
    lines.push(`| ${int(r.step)} | ${s.toFixed(0)} | ${int((r.step * run.batch) / s)} | ${r.fd.toFixed(2)} | ${r.score.toFixed(2)} | ${r.modes} |`);
  }
  lines.push(`| real test images (K = 1000) | | | ${last.floor.toFixed(2)} | ${realScore.toFixed(2)} | 10 |`);
  const cores = run.cpu ? ` CPU cores used by the bench / by other work: ${run.cpu.benchCores.toFixed(1)} / ${run.cpu.otherCores.toFixed(1)}.` : '';
  lines.push(
    '',
    `${int(last.step)} steps in ${(last.t / 1000).toFixed(0)} s of wall time (evaluations included), ${run.readings.length} evaluations.${cores} ` +
      `Final grid (step ${int(run.grid.step)}): ${run.grid.file}`,
  );
  return lines.join('\n');
}
