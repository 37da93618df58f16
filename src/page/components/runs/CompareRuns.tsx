import { useSavedRuns } from '../../state/savedRunsStore';

type Option = { runId: string; label: string };

function RunSelect({ label, value, options, none, onPick }: { label: string; value: string; options: Option[]; none?: string; onPick(id: string): void }) {
  return (
    <select value={value} onChange={(e) => onPick(e.target.value)} aria-label={label}>
      {none && <option value="">{none}</option>}
      {options.map((r) => (
        <option key={r.runId} value={r.runId}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

/** Picks the two runs the charts show: one solid, one dashed over it. Only there once a run has been replaced. */
export function CompareRuns() {
  const pastRuns = useSavedRuns((s) => s.pastRuns);
  const compare = useSavedRuns((s) => s.compare);
  if (!pastRuns.length) return null;
  const set = (next: Partial<typeof compare>) => useSavedRuns.setState({ compare: { ...compare, ...next } });
  const options = [{ runId: 'current', label: 'This run' }, ...pastRuns];
  return (
    <div className="compare-runs">
      <label>
        Show <RunSelect label="Run drawn solid" value={compare.a} options={options} onPick={(a) => set({ a })} />
      </label>
      <label>
        compared with <RunSelect label="Run drawn dashed" value={compare.b ?? ''} options={options} none="nothing" onPick={(b) => set({ b: b || null })} />
      </label>
    </div>
  );
}
