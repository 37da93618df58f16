/** One line of a legend: its name and colour. */
export type LegendEntry = [name: string, color: string];

/**
 * A static legend: recharts' own measures itself with getBoundingClientRect on
 * every redraw, a forced layout inside the chart's task. `dashed`, when set,
 * adds each entry again as a dashed line with that suffix (a compared run).
 */
export function ChartLegend({ entries, dashed }: { entries: LegendEntry[]; dashed: string | null }) {
  return (
    <ul className="chart-legend">
      {entries.map(([name, color]) => (
        <li key={name} style={{ color }}>
          <span className="swatch" style={{ background: color }} />
          {name}
        </li>
      ))}
      {dashed !== null &&
        entries.map(([name, color]) => (
          <li key={`${name}-dashed`} style={{ color }}>
            <span className="swatch dashed" style={{ borderColor: color }} />
            {name} {dashed}
          </li>
        ))}
    </ul>
  );
}
