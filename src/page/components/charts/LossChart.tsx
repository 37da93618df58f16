import { verdictLoss } from '../../../shared/tasks';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Line, ReferenceLine } from 'recharts';
import { chartRows, compareRows, type Series } from '../../lib/chartData';
import type { MetricHistory } from '../../../shared/metricHistory';
import { SCORE_MEANING } from '../../../shared/choices/losses';
import { useApp } from '../../state/store';
import { useLagged } from '../../hooks/useLagged';
import { useThrottledMetricsVersion } from '../../hooks/useThrottledMetricsVersion';
import { CompareRuns } from '../runs/CompareRuns';
import { ChartLegend } from './ChartLegend';
import { ChartFrame } from './ChartFrame';
import { useSavedRuns } from '../../state/savedRunsStore';

const COLORS: Record<Series, string> = { dLoss: '#4e9af1', gLoss: '#f28e2b', dReal: '#59a14f', dFake: '#e15759' };
const NAMES: Record<Series, string> = { dLoss: 'D loss', gLoss: 'G loss', dReal: 'D(x)', dFake: 'D(G(z))' };
const UNIT: [number, number] = [0, 1];

// Props recharts compares by identity: module constants, so a panel redraws only for new rows.
const AUTO: [string, string] = ['auto', 'auto'];
const BALANCE_LABEL = { value: '0.5', fill: '#bbb', fontSize: 11 };
const LR_LABEL = { value: 'HP', fill: '#c9a227', fontSize: 10, position: 'top' as const };
const formatValue = (v: unknown): string => Number(v).toFixed(4);

/** One recharts panel; memoised, and with animations off, since it redraws a few times a second. */
export const Panel = memo(function Panel({
  title,
  series,
  rows,
  raw,
  overlay,
  changes,
  yDomain,
  balance,
}: {
  title: string;
  series: Series[];
  rows: ReturnType<typeof compareRows>;
  raw: boolean;
  /** Rows carry a second run's values (fields suffixed B), drawn dashed. */
  overlay: boolean;
  changes: number[];
  yDomain?: [number, number];
  balance?: boolean;
}) {
  return (
    <ChartFrame
      title={title}
      height={200}
      rows={rows}
      yDomain={yDomain ?? AUTO}
      format={formatValue}
      legend={<ChartLegend entries={series.map((k) => [NAMES[k], COLORS[k]])} dashed={overlay ? '(compared)' : null} />}
    >
      {balance && <ReferenceLine y={0.5} stroke="#bbb" strokeDasharray="4 4" label={BALANCE_LABEL} />}
      {changes.map((step) => (
        <ReferenceLine key={step} x={step} stroke="#c9a227" strokeDasharray="2 3" className="hp-change" label={LR_LABEL} />
      ))}
      {series.map((s) => (
        <Line
          key={s}
          dataKey={s}
          name={NAMES[s]}
          stroke={COLORS[s]}
          dot={false}
          activeDot={false}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls={overlay}
        />
      ))}
      {overlay &&
        series.map((s) => (
          <Line
            key={`${s}B`}
            dataKey={`${s}B`}
            name={`${NAMES[s]} (compared)`}
            stroke={COLORS[s]}
            strokeDasharray="6 3"
            dot={false}
            activeDot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      {raw &&
        series.map((s) => (
          <Line
            key={`${s}Raw`}
            dataKey={`${s}Raw`}
            name={`${NAMES[s]} (raw)`}
            stroke={COLORS[s]}
            strokeOpacity={0.3}
            dot={false}
            activeDot={false}
            strokeWidth={1}
            isAnimationActive={false}
            legendType="none"
            connectNulls={overlay}
          />
        ))}
    </ChartFrame>
  );
});

const NO_CHANGES: never[] = [];
const LOSSES: Series[] = ['dLoss', 'gLoss'];
const OUTPUTS: Series[] = ['dReal', 'dFake'];

/** Losses and discriminator outputs over steps, smoothed, with hyperparameter changes marked. */
export function LossChart() {
  const version = useThrottledMetricsVersion(500);
  const liveChanges = useApp((s) => s.changes);
  const compare = useSavedRuns((s) => s.compare);
  const pastRuns = useSavedRuns((s) => s.pastRuns);
  const [smoothing, setSmoothing] = useState(0.9);
  const [raw, setRaw] = useState(false);
  const overlay = compare.b !== null;
  // The metrics array grows in place (no 100k-element copies at 10 Hz); `version` says when to recompute.
  const rows = useMemo(() => {
    const historyOf = (id: string): MetricHistory | undefined => (id === 'current' ? useApp.getState().metrics : pastRuns.find((r) => r.runId === id)?.metrics);
    const a = historyOf(compare.a) ?? useApp.getState().metrics;
    const b = compare.b === null ? undefined : historyOf(compare.b);
    if (version < 0) return [];
    return b ? compareRows(a, b, smoothing) : chartRows(a, smoothing);
  }, [version, smoothing, compare, pastRuns]);
  // Change markers belong to the live run; a past run's are not kept.
  const changes = compare.a === 'current' ? liveChanges : NO_CHANGES;
  // A redraw is a low-priority render, and the second panel redraws in a task of its own:
  // a recharts redraw costs ~8 ms of CPU per panel, and one task must stay well under 50 ms
  // even when training keeps every core busy.
  const shown = useDeferredValue(rows);
  const lagged = useLagged(shown, 0);
  const steps = useMemo(() => changes.map((c) => c.step), [changes]);
  // Only BCE's outputs are probabilities; the other losses' scores get an automatic scale (see losses.ts).
  const loss = useApp((s) => (s.config ? verdictLoss(s.config) : 'bce'));
  const bce = loss === 'bce';
  return (
    <section
      className="charts"
      aria-label="Training curves"
      data-points={rows.length}
      data-first-step={rows[0]?.step ?? -1}
      data-last-step={rows.at(-1)?.step ?? -1}
    >
      <div className="chart-controls">
        <label>
          Smoothing {smoothing.toFixed(2)}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
        </label>
        <label>
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> raw points
        </label>
        <CompareRuns />
      </div>
      <Panel title="Losses" series={LOSSES} rows={shown} raw={raw} overlay={overlay} changes={steps} />
      <Panel
        title={bce ? 'Discriminator output (balance at 0.5)' : 'Discriminator scores'}
        series={OUTPUTS}
        rows={lagged}
        raw={raw}
        overlay={overlay}
        changes={steps}
        yDomain={bce ? UNIT : undefined}
        balance={bce}
      />
      <p className="field-hint score-meaning">{SCORE_MEANING[loss]}</p>
    </section>
  );
}
