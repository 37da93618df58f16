import { DATASET_LABELS } from '../engine/datasetNames';
import { reloadIntoUpdate, useHosting, type HostingState } from '../offline/hosting';
import type { DatasetName } from '../protocol';
import { useApp } from '../store';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const DOWNLOADED: DatasetName[] = ['mnist', 'fashion'];

/** "Loading <file>: 3.1 / 47.0 MB" from the training worker, as numbers for a progress bar. */
function download(progress: string): { value: number; max: number } | null {
  const m = /(\d+(?:\.\d+)?) \/ (\d+(?:\.\d+)?) MB/.exec(progress);
  return m ? { value: Number(m[1]), max: Number(m[2]) } : null;
}

function datasetsText(datasets: HostingState['datasets']): string {
  const kept = DOWNLOADED.filter((d) => datasets[d] !== undefined).map((d) => `${DATASET_LABELS[d]} saved (${MB(datasets[d] ?? 0)})`);
  const missing = DOWNLOADED.filter((d) => datasets[d] === undefined).map((d) => DATASET_LABELS[d]);
  return [...kept, ...(missing.length ? [`not saved yet: ${missing.join(', ')} (downloaded on first use, needs a network)`] : [])].join('; ');
}

function offlineText(s: HostingState): string {
  if (s.offline === 'ready') return `${s.online ? 'Ready offline' : 'Offline: running from the saved copy'}. ${datasetsText(s.datasets)}.`;
  if (s.offline === 'installing') return 'Saving for offline use…';
  if (s.offline === 'failed') return `Not available offline: ${s.offlineDetail}.`;
  if (s.offline === 'unsupported') return 'Not available offline: this browser has no service workers.';
  return '';
}

/** Threads, offline use, updates and big downloads: what hosting and the network mean for this page. */
export function HostingStatus() {
  const s = useHosting();
  const progress = useApp((a) => a.progress);
  const bar = download(progress);
  const text = offlineText(s);
  return (
    <div className="hosting-status" data-testid="hosting-status">
      {bar ? <progress data-testid="download-progress" value={bar.value} max={bar.max} title={progress} /> : null}
      {s.precache ? <progress data-testid="precache-progress" value={s.precache.done} max={s.precache.total} title="saving for offline use" /> : null}
      {s.threadsOff ? <span data-testid="threads-off">Threads off: {s.threadsOff}. </span> : null}
      {text ? (
        <span data-testid="offline-status" data-offline={s.offline} data-online={s.online}>
          {text}
        </span>
      ) : null}
      {s.updateReady ? (
        <span data-testid="update">
          {' '}Update available:{' '}
          <button type="button" onClick={() => void reloadIntoUpdate()}>
            reload
          </button>
        </span>
      ) : null}
      {s.version ? <span className="muted"> version {s.version}</span> : null}
    </div>
  );
}
