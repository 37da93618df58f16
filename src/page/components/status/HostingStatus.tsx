import { DATASET_LABELS } from '../../../shared/choices/datasets';
import { reloadIntoUpdate, useDownloads, useHosting, type HostingState } from '../../offline/hosting';
import type { DatasetName } from '../../../shared/protocol';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const DOWNLOADED: DatasetName[] = ['mnist', 'fashion'];

function datasetsText(datasets: HostingState['datasets']): string {
  const kept = DOWNLOADED.filter((d) => datasets[d] !== undefined).map((d) => `${DATASET_LABELS[d]} saved (${MB(datasets[d] ?? 0)})`);
  const missing = DOWNLOADED.filter((d) => datasets[d] === undefined).map((d) => DATASET_LABELS[d]);
  return [...kept, ...(missing.length ? [`not saved yet: ${missing.join(', ')} (downloaded on first use, needs a network)`] : [])].join('; ');
}

function offlineText(s: HostingState): string {
  if (s.offline === 'ready') return `${s.online ? 'Ready offline' : 'Offline: running from the saved copy'}. ${datasetsText(s.datasets)}.`;
  if (s.offline === 'installing') return 'Saving for offline use…';
  if (s.offline === 'failed') return `Not available offline: ${s.offlineDetail}.`;
  if (s.offline === 'unsupported') return 'Not available offline: no service worker here.';
  return '';
}

/** Threads, offline use, updates and big downloads: what hosting and the network mean for this page. */
export function HostingStatus() {
  const s = useHosting();
  const downloads = useDownloads();
  const text = offlineText(s);
  return (
    <div className="hosting-status" data-testid="hosting-status">
      {Object.entries(downloads).map(([file, d]) => (
        <progress key={file} data-testid="download-progress" data-file={file} value={d.value} max={d.max} title={`${file}: ${d.value} / ${d.max} MB`} />
      ))}
      {s.precache ? <progress data-testid="precache-progress" value={s.precache.done} max={s.precache.total} title="saving for offline use" /> : null}
      {s.threadsOff ? <span data-testid="threads-off">Threads off: {s.threadsOff}. </span> : null}
      {text ? (
        <span data-testid="offline-status" data-offline={s.offline} data-online={s.online}>
          {text}
        </span>
      ) : null}
      {s.updateReady ? (
        <span data-testid="update">
          {' '}
          Update available:{' '}
          <button type="button" onClick={() => void reloadIntoUpdate()}>
            reload
          </button>
        </span>
      ) : null}
      {s.version ? <span className="muted"> version {s.version}</span> : null}
    </div>
  );
}
