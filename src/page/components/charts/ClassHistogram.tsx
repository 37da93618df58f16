import { useDeferredValue, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CLASS_NAMES, NUM_CLASSES } from '../../../shared/choices/datasets';
import { useApp } from '../../state/store';
import { useLagged } from '../../hooks/useLagged';

const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const TICK = { fontSize: 10 };
const TOOLTIP_STYLE = { background: '#1b1f27', border: '1px solid #333' };

/** How the last evaluation's samples split over the classes, as the reference classifier sees them. */
export function ClassHistogram() {
  const last = useLagged(useDeferredValue(useApp((s) => s.quality.at(-1))), 150);
  const dataset = useApp((s) => s.config?.dataset ?? 'mnist');
  const names = CLASS_NAMES[dataset];
  const rows = useMemo(() => (last ? last.histogram.map((count, i) => ({ name: names[i], count })) : []), [last, names]);
  if (dataset === 'custom') return null;
  // Mounted before the first evaluation (empty), so a point only updates it.
  const total = last ? last.histogram.reduce((a, b) => a + b, 0) : 0;
  const summary = rows.map((r) => `${r.name}: ${r.count}`).join(', ');
  return (
    <figure className="chart class-histogram" aria-label="Classes of the samples" data-total={total} data-modes={last?.modes ?? 0} data-step={last?.step ?? -1}>
      <figcaption>
        {last
          ? `Classes of ${total.toLocaleString()} samples at step ${last.step.toLocaleString()} (${last.modes} of ${NUM_CLASSES} covered)`
          : 'Classes of the samples: after the first evaluation'}
      </figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a2f3a" vertical={false} />
          <XAxis
            dataKey="name"
            stroke="#8a93a6"
            tick={TICK}
            interval={0}
            angle={dataset === 'fashion' ? -30 : 0}
            textAnchor={dataset === 'fashion' ? 'end' : 'middle'}
            height={dataset === 'fashion' ? 50 : 20}
          />
          <YAxis stroke="#8a93a6" tick={TICK} width={36} allowDecimals={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} isAnimationActive={false} />
          <Bar dataKey="count" name="samples" fill="#4e9af1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      {last && <p className="sr-only">Samples per class: {summary}.</p>}
    </figure>
  );
}
