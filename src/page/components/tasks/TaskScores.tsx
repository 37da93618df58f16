import { memo, useDeferredValue, useMemo } from 'react';
import { Line } from 'recharts';
import type { TaskName } from '../../../shared/protocol';
import type { TaskMeasure, TaskScore } from '../../../shared/taskScore';
import { TASK_MEASURES } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { ChartLegend, type LegendEntry } from '../charts/ChartLegend';
import { ChartFrame } from '../charts/ChartFrame';

const AUTO: [string, string] = ['auto', 'auto'];
const COLORS = ['#4e79a7', '#f28e2b', '#bab0ac'];
const formatValue = (v: unknown): string => Number(v).toFixed(3);

type Row = { step: number } & Record<string, number>;

const MeasureChart = memo(function MeasureChart({ measure, rows }: { measure: TaskMeasure; rows: Row[] }) {
  const entries: LegendEntry[] = measure.series.map((s, i) => [s.label, COLORS[i % COLORS.length]]);
  return (
    <ChartFrame
      title={measure.title}
      caption={
        <>
          {measure.title}
          {measure.unit ? ` (${measure.unit})` : ''} <span className="muted">{measure.better} is better</span>
        </>
      }
      height={150}
      rows={rows}
      yDomain={measure.domain ?? AUTO}
      yWidth={44}
      yTickFormat={(v: number) => v.toFixed(Math.min(measure.digits, 2))}
      format={formatValue}
      legend={<ChartLegend entries={entries} dashed={null} />}
      legendAbove
    >
      {measure.series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={COLORS[i % COLORS.length]}
          strokeDasharray={s.reference ? '5 4' : undefined}
          dot={rows.length < 30}
          activeDot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
      ))}
    </ChartFrame>
  );
});

/** The latest measures in words: the charts' text alternative. */
export function describeScore(task: TaskName, s: TaskScore): string {
  const parts = TASK_MEASURES[task].map((m) => {
    const values = m.series
      .filter((x) => s.values[x.key] !== undefined)
      .map((x) => `${m.series.length > 1 ? `${x.label} ` : ''}${s.values[x.key].toFixed(m.digits)}${m.unit ? ` ${m.unit}` : ''}`);
    return `${m.name} ${values.join(', ')}`;
  });
  return `At step ${s.step.toLocaleString()}, on ${s.count.toLocaleString()} held-out images: ${parts.join('; ')}. Measured in ${Math.round(s.ms)} ms.`;
}

/** An application's measures on held-out images over the run, each beside its yardsticks. */
export function TaskScores({ task }: { task: TaskName }) {
  const scores = useDeferredValue(useApp((s) => s.taskScores));
  const rows = useMemo(() => scores.map((s) => ({ step: s.step, ...s.values })), [scores]);
  const last = scores.at(-1);
  const measures = TASK_MEASURES[task];
  return (
    // The latest values as data attributes: the browser tests read them.
    <section className="task-scores" aria-label="Held-out measures" data-points={scores.length} data-step={last?.step} {...dataOf(last)}>
      <h3>Held-out measures</h3>
      {last ? (
        <p className="task-summary" aria-live="polite">
          {describeScore(task, last)}
        </p>
      ) : (
        <p className="muted">Measured every ~10 s of training on images the networks never train on.</p>
      )}
      {measures.map((m) => (
        <MeasureChart key={m.title} measure={m} rows={rows} />
      ))}
    </section>
  );
}

function dataOf(s: TaskScore | undefined): Record<string, number> {
  if (!s) return {};
  return Object.fromEntries(Object.entries(s.values).map(([k, v]) => [`data-${k.toLowerCase()}`, v]));
}
