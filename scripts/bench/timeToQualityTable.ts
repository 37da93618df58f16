// --time-to-quality's Markdown: ganvas and PyTorch at the same seconds of
// training, both scored by the app's reference classifier.
import type { ModelKind } from '../../src/shared/protocol';
import { MODEL_LABELS } from '../../src/shared/choices/models';

/** What each model is compared at, seconds after Train: the checkpoints. */
export const TTQ_TIMES: Record<ModelKind, number[]> = { mlp: [30, 60, 120], dcgan: [60, 180, 300], 'dcgan-lite': [60, 180, 300], 'dcgan-seed': [60, 180, 300] };
/** The goal: ganvas's classifier score at least this share of PyTorch's at every point. */
export const SCORE_GOAL = 0.9;

/** One evaluation: seconds since training began, and what the classifier said. */
export interface TimedScore {
  t: number;
  step: number;
  fd: number;
  score: number;
  modes: number;
}

export interface TtqRow {
  /** The checkpoint asked for, seconds. */
  at: number;
  ganvas: TimedScore;
  torch: TimedScore;
}

export interface TtqRun {
  model: ModelKind;
  seed: number;
  batch: number;
  /** The app's backend line. */
  backend: string;
  torchThreads: number;
  rows: TtqRow[];
  /** What real test images score (FD floor at K, classifier score). */
  real: { floor: number; score: number };
}

/** For each checkpoint, the evaluation nearest to it in time (each at most once, in order). */
export function nearest(points: TimedScore[], times: number[]): TimedScore[] {
  if (!points.length) throw new Error('no evaluations to pick from');
  return times.map((at) => points.reduce((best, p) => (Math.abs(p.t - at) < Math.abs(best.t - at) ? p : best)));
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatTtqRun(run: TtqRun): string {
  const lines = [
    `**${MODEL_LABELS[run.model]}**, seed ${run.seed}, batch ${run.batch}; ganvas on ${run.backend}, PyTorch (the exported train.py) with ${run.torchThreads} thread(s):`,
    '',
    '| at | ganvas: s, step | FD | classifier score | classes | PyTorch: s, step | FD | classifier score | classes | score ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of run.rows) {
    const g = r.ganvas;
    const p = r.torch;
    const ratio = g.score / p.score;
    const mark = ratio >= SCORE_GOAL ? '' : ' (below goal)';
    lines.push(
      `| ${r.at} s | ${g.t.toFixed(1)}, ${int(g.step)} | ${g.fd.toFixed(2)} | ${g.score.toFixed(2)} | ${g.modes} | ${p.t.toFixed(1)}, ${int(p.step)} | ${p.fd.toFixed(2)} | ${p.score.toFixed(2)} | ${p.modes} | ${ratio.toFixed(2)}${mark} |`,
    );
  }
  lines.push(
    `| real test images (K = 1000) | | ${run.real.floor.toFixed(2)} | ${run.real.score.toFixed(2)} | 10 | | ${run.real.floor.toFixed(2)} | ${run.real.score.toFixed(2)} | 10 | |`,
  );
  return lines.join('\n');
}
