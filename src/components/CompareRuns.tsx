import { useApp } from '../store';

/** Picks the two runs the charts show: one solid, one dashed over it. Only there once a run has been replaced. */
export function CompareRuns() {
  const pastRuns = useApp((s) => s.pastRuns);
  const compare = useApp((s) => s.compare);
  if (!pastRuns.length) return null;
  const set = (next: Partial<typeof compare>) => useApp.setState({ compare: { ...compare, ...next } });
  const options = [{ runId: 'current', label: 'This run' }, ...pastRuns];
  return (
    <div className="compare-runs">
      <label>
        Show{' '}
        <select value={compare.a} onChange={(e) => set({ a: e.target.value })} aria-label="Run drawn solid">
          {options.map((r) => (
            <option key={r.runId} value={r.runId}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        compared with{' '}
        <select value={compare.b ?? ''} onChange={(e) => set({ b: e.target.value || null })} aria-label="Run drawn dashed">
          <option value="">nothing</option>
          {options.map((r) => (
            <option key={r.runId} value={r.runId}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
