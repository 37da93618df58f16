import { useApp } from '../../state/store';
import { CoresToggle } from './CoresToggle';

const LABEL: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Which backend trains, why it was chosen, and what the worker is doing. */
export function StatusLine() {
  const backend = useApp((s) => s.backend);
  const progress = useApp((s) => s.progress);
  const status = useApp((s) => s.status);
  return (
    <div className="status-line" role="status" data-status={status}>
      {backend ? (
        <span data-testid="backend">
          <strong>{LABEL[backend.name]}</strong> – {backend.reason}
        </span>
      ) : null}
      {progress ? <span className="muted"> {progress}</span> : null}
      <CoresToggle />
      {backend ? (
        <details className="backend-details">
          <summary>all backends</summary>
          <ul>
            {backend.reports.map((r) => (
              <li key={r.name}>
                {LABEL[r.name]}: {r.ok ? 'works' : 'unavailable'}
                {r.isSoftware ? ' (software)' : ''} – {r.detail}
                {r.imgPerSec !== undefined ? ` – ${r.imgPerSec.toFixed(0)} img/s in probe` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
