import { useCores } from '../../state/coresStore';
import { switchCores } from '../../actions/trainingWorker';
import { useApp } from '../../state/store';

/**
 * "Use all cores": WASM's thread pool leaves one core to the page unless asked.
 * Shown only where it changes something: WASM with threads, more than one core.
 */
export function CoresToggle() {
  const backend = useApp((s) => s.backend);
  const status = useApp((s) => s.status);
  const { allCores, switching } = useCores();
  const cores = navigator.hardwareConcurrency || 1;
  if (backend?.name !== 'wasm' || !crossOriginIsolated || cores < 2) return null;
  return (
    <label
      className="cores-toggle"
      title="Training gets every core; the page shares one with it and may stutter while it trains. Applying it restarts the worker and carries the run over."
    >
      <input type="checkbox" checked={allCores} disabled={switching || status === 'loading'} onChange={(e) => void switchCores(e.target.checked)} /> Use all{' '}
      {cores} cores
      <span className="muted">{allCores ? ' (the page shares a core with training)' : ` (training on ${cores - 1}, one kept for the page)`}</span>
    </label>
  );
}
