import { memo, useDeferredValue, useMemo } from 'react';
import { Line } from 'recharts';
import type { Lab2dStats } from '../../../shared/lab2dProtocol';
import { chartRows, compareRows } from '../../lib/chartData';
import { useLab, useLabRedraws } from '../../state/lab2dStore';
import { useLagged } from '../../hooks/useLagged';
import { ChartLegend } from '../charts/ChartLegend';
import { ChartFrame } from '../charts/ChartFrame';
import { Panel } from '../charts/LossChart';

const LOSSES = ['dLoss', 'gLoss'] as ('dLoss' | 'gLoss')[];
const NONE: number[] = [];
const SMOOTHING = 0.9;

type StatRow = { step: number } & Record<string, number | null>;

/** Rows of the distances chart: one per measurement of either setup (B's fields end in B). */
function statRows(a: Lab2dStats[], b: Lab2dStats[]): StatRow[] {
  const row = (s: Lab2dStats, suffix: string) => ({
    step: s.step,
    [`js${suffix}`]: s.js,
    [`kl${suffix}`]: s.kl,
    [`modes${suffix}`]: s.modesCovered,
    [`hq${suffix}`]: s.highQuality,
  });
  return [...a.map((s) => row(s, '')), ...b.map((s) => row(s, 'B'))].sort((x, y) => x.step - y.step);
}

const DIVERGENCES: [string, string, string][] = [
  ['js', 'JS', '#4e9af1'],
  ['kl', 'KL(real‖fake)', '#f28e2b'],
];
const COVERAGE: [string, string, string][] = [
  ['modes', 'modes covered', '#59a14f'],
  ['hq', 'high quality (0–1)', '#e15759'],
];

/** Memoised with constant props, so the 10-a-second stat line below never redraws a chart. */
const StatsChart = memo(function StatsChart({
  title,
  rows,
  lines,
  side,
}: {
  title: string;
  rows: StatRow[];
  lines: [string, string, string][];
  side: boolean;
}) {
  return (
    <ChartFrame
      title={title}
      height={180}
      rows={rows}
      legend={<ChartLegend entries={lines.map(([, name, color]) => [name, color])} dashed={side ? '(B)' : null} />}
    >
      {lines.map(([key, name, color]) => (
        <Line key={key} dataKey={key} name={name} stroke={color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
      ))}
      {side &&
        lines.map(([key, name, color]) => (
          <Line
            key={`${key}B`}
            dataKey={`${key}B`}
            name={`${name} (B)`}
            stroke={color}
            strokeDasharray="6 3"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
        ))}
    </ChartFrame>
  );
});

/** The lab's curves: losses (the digits mode's panel), divergences, and for mixtures modes covered and quality. */
export function Lab2dCharts() {
  const side = useLab((s) => s.configs[1] !== null);
  const mixture = useLab((s) => s.stats[0].at(-1)?.modesTotal ?? 0) > 0;
  const bucket = useLabRedraws();
  // A new run (reset, or a run file opened) brings new histories: read them at once.
  const run = useLab((s) => s.histories);
  const [lossRows, stats] = useMemo(() => {
    const { histories, stats: st } = useLab.getState();
    const rows = side ? compareRows(histories[0], histories[1], SMOOTHING) : chartRows(histories[0], SMOOTHING);
    return [rows, statRows(st[0], side ? st[1] : [])];
  }, [bucket, side, run]); // eslint-disable-line react-hooks/exhaustive-deps -- the histories grow in place; the bucket of their version says when to read them
  // Low-priority redraws, each panel in a task of its own (~10 ms of CPU each: together they made a long task).
  const shown = useDeferredValue(lossRows);
  const divergences = useLagged(useDeferredValue(stats), 0);
  const coverage = useLagged(divergences, 0);
  const { stats: last, histories } = useLab.getState();
  const first = histories[0].length ? `${histories[0].value(0, 'dLoss')},${histories[0].value(0, 'gLoss')}` : '';
  return (
    <section className="charts lab-charts" aria-label="Training curves" data-points={lossRows.length} data-first-losses={first}>
      <Panel title={side ? 'Losses (B dashed)' : 'Losses'} series={LOSSES} rows={shown} raw={false} overlay={side} changes={NONE} />
      <StatsChart title="Real vs fake: grid divergences (nats)" rows={divergences} side={side} lines={DIVERGENCES} />
      {mixture && <StatsChart title="Modes covered and share of high-quality fakes" rows={coverage} side={side} lines={COVERAGE} />}
      <p className="lab-stat-line" data-testid="lab-stats">
        {last.map(
          (s, i) =>
            s.at(-1) && (
              <span
                key={i}
                data-modes={s.at(-1)?.modesCovered ?? ''}
                data-js={s.at(-1)?.js}
                data-step={s.at(-1)?.step}
              >{`${i ? 'B' : 'A'}: step ${s.at(-1)?.step}, JS ${s.at(-1)?.js.toFixed(3)}${s.at(-1)?.modesCovered !== null ? `, modes ${s.at(-1)?.modesCovered}/${s.at(-1)?.modesTotal}, high quality ${((s.at(-1)?.highQuality ?? 0) * 100).toFixed(0)}%` : ''}  `}</span>
            ),
        )}
      </p>
    </section>
  );
}
