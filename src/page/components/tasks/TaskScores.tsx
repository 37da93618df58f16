import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskName } from '../../../shared/protocol';
import type { TaskMeasure, TaskScore } from '../../../shared/taskScore';
import { TASK_MEASURES } from '../../../shared/tasks';
import { useApp } from '../../state/store';
import { ChartLegend, type LegendEntry } from '../charts/ChartLegend';

const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
const TICK = { fontSize: 11 };
const TOOLTIP_STYLE = { background: '#1b1f27', border: '1px solid #333' };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];
const AUTO: [string, string] = ['auto', 'auto'];
const COLORS = ['#4e79a7', '#f28e2b', '#bab0ac'];
const formatValue = (v: unknown): string => Number(v).toFixed(3);

type Row = { step: number } & Record<string, number>;

const MeasureChart = memo(function MeasureChart({ measure, rows }: { measure: TaskMeasure; rows: Row[] }) {
  const entries: LegendEntry[] = measure.series.map((s, i) => [s.label, COLORS[i % COLORS.length]]);
  return (
    <figure className="chart" aria-label={measure.title}>
      <figcaption>
        {measure.title}
        {measure.unit ? ` (${measure.unit})` : ''} <span className="muted">{measure.better} is better</span>
      </figcaption>
      <ChartLegend entries={entries} dashed={null} />
      <ResponsiveContainer width="100%" height={150}>
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a2f3a" />
          <XAxis dataKey="step" type="number" domain={X_DOMAIN} stroke="#8a93a6" tick={TICK} interval={0} />
          <YAxis
            domain={measure.domain ?? AUTO}
            stroke="#8a93a6"
            tick={TICK}
            width={44}
            interval={0}
            tickFormatter={(v: number) => v.toFixed(Math.min(measure.digits, 2))}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={formatValue} isAnimationActive={false} />
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
        </LineChart>
      </ResponsiveContainer>
    </figure>
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
export function TaskScores({ task }: { task: Exclude<TaskName, 'generate'> }) {
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
