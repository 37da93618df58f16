import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartRows, type Series } from '../chartData';
import { useApp } from '../store';
import { useThrottled } from './useThrottled';

const COLORS: Record<Series, string> = { dLoss: '#4e9af1', gLoss: '#f28e2b', dReal: '#59a14f', dFake: '#e15759' };
const NAMES: Record<Series, string> = { dLoss: 'D loss', gLoss: 'G loss', dReal: 'D(x)', dFake: 'D(G(z))' };

function Panel({ title, series, rows, raw, changes, yDomain, balance }: {
  title: string;
  series: Series[];
  rows: ReturnType<typeof chartRows>;
  raw: boolean;
  changes: number[];
  yDomain?: [number, number];
  balance?: boolean;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#2a2f3a" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke="#8a93a6" tick={{ fontSize: 11 }} />
          <YAxis domain={yDomain ?? ['auto', 'auto']} stroke="#8a93a6" tick={{ fontSize: 11 }} width={40} />
          <Tooltip contentStyle={{ background: '#1b1f27', border: '1px solid #333' }} formatter={(v) => Number(v).toFixed(4)} />
          <Legend />
          {balance && <ReferenceLine y={0.5} stroke="#bbb" strokeDasharray="4 4" label={{ value: '0.5', fill: '#bbb', fontSize: 11 }} />}
          {changes.map((step) => (
            <ReferenceLine key={step} x={step} stroke="#c9a227" strokeDasharray="2 3" className="hp-change" label={{ value: 'LR', fill: '#c9a227', fontSize: 10, position: 'top' }} />
          ))}
          {series.map((s) => (
            <Line key={s} dataKey={s} name={NAMES[s]} stroke={COLORS[s]} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
          {raw &&
            series.map((s) => (
              <Line key={`${s}Raw`} dataKey={`${s}Raw`} name={`${NAMES[s]} (raw)`} stroke={COLORS[s]} strokeOpacity={0.3} dot={false} strokeWidth={1} isAnimationActive={false} legendType="none" />
            ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Losses and discriminator outputs over steps, smoothed, with hyperparameter changes marked. */
export function LossChart() {
  const version = useThrottled(useApp((s) => s.metricsVersion), 250);
  const changes = useApp((s) => s.changes);
  const [smoothing, setSmoothing] = useState(0.9);
  const [raw, setRaw] = useState(false);
  // The metrics array grows in place (no 100k-element copies at 10 Hz); `version` says when to recompute.
  const rows = useMemo(() => (version >= 0 ? chartRows(useApp.getState().metrics, smoothing) : []), [version, smoothing]);
  const steps = changes.map((c) => c.step);
  return (
    <section className="charts" aria-label="Training curves" data-points={rows.length}>
      <div className="chart-controls">
        <label>
          Smoothing {smoothing.toFixed(2)}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
        </label>
        <label>
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> raw points
        </label>
      </div>
      <Panel title="Losses" series={['dLoss', 'gLoss']} rows={rows} raw={raw} changes={steps} />
      <Panel title="Discriminator output (balance at 0.5)" series={['dReal', 'dFake']} rows={rows} raw={raw} changes={steps} yDomain={[0, 1]} balance />
    </section>
  );
}
