import type { AdamKernelName } from '../../../shared/protocol';
import { useApp } from '../../state/store';

const ADAM: Record<AdamKernelName, string> = { 'wasm-simd': 'WASM SIMD', js: 'JS loop', 'tensor-ops': 'tensor ops' };

function fmtBytes(n: number): string {
  return n > 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`;
}

/** Live numbers of the run. */
export function StatsPanel() {
  const s = useApp();
  const rows: [string, string, string][] = [
    ['Step', s.step.toLocaleString(), 'stat-step'],
    ['Epoch', s.epoch.toFixed(2), 'stat-epoch'],
    ['Images/s', s.status === 'running' ? s.imgPerSec.toFixed(0) : '–', 'stat-ips'],
    ['ms/step', s.status === 'running' ? s.msPerStep.toFixed(1) : '–', 'stat-ms'],
    ['D / G ms', s.status === 'running' && s.splitMs ? `${s.splitMs.d.toFixed(1)} / ${s.splitMs.g.toFixed(1)}` : '–', 'stat-split'],
    ['Backend', s.backend?.name ?? '…', 'stat-backend'],
    ['Adam', s.adam ? ADAM[s.adam] : '…', 'stat-adam'],
    ['Tensors', `${s.numTensors} (${fmtBytes(s.numBytes)})`, 'stat-tensors'],
  ];
  return (
    <dl className="stats" aria-label="Run statistics">
      {rows.map(([k, v, id]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd data-testid={id}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
