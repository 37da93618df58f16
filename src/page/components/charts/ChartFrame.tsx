import type { ReactNode } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Props recharts compares by identity: module constants, so a chart redraws only for new rows.
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
const TICK = { fontSize: 11 };
const TOOLTIP_STYLE = { background: '#1b1f27', border: '1px solid #333' };
const X_DOMAIN: [string, string] = ['dataMin', 'dataMax'];

type Domain = [number | string, number | string];

/**
 * The one frame of every line chart over steps: a named figure, its caption,
 * the grid, a step axis, a value axis and a tooltip; the lines (and marks) are
 * the children. Animations stay off: charts redraw a few times a second.
 */
export function ChartFrame({
  title,
  caption = title,
  height,
  rows,
  yDomain,
  yWidth = 40,
  yTickFormat,
  format,
  legend,
  legendAbove = false,
  children,
}: {
  /** The figure's accessible name. */
  title: string;
  caption?: ReactNode;
  height: number;
  rows: readonly object[];
  /** Unset: recharts' own, from 0 to the data's top. */
  yDomain?: Domain;
  yWidth?: number;
  yTickFormat?: (v: number) => string;
  /** How the tooltip writes a value (unset: as is). */
  format?: (v: unknown) => string;
  legend?: ReactNode;
  legendAbove?: boolean;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{caption}</figcaption>
      {legendAbove && legend}
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows as object[]} margin={MARGIN}>
          <CartesianGrid stroke="#2a2f3a" />
          {/* interval 0: the default tick interval measures label text, a forced layout in every redraw. */}
          <XAxis dataKey="step" type="number" domain={X_DOMAIN} stroke="#8a93a6" tick={TICK} interval={0} />
          <YAxis domain={yDomain} stroke="#8a93a6" tick={TICK} width={yWidth} interval={0} tickFormatter={yTickFormat} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={format} isAnimationActive={false} />
          {children}
        </LineChart>
      </ResponsiveContainer>
      {!legendAbove && legend}
    </figure>
  );
}
