import { create } from 'zustand';
import { saveBlob } from '../lib/downloads';
import { Timelapse } from '../../shared/formats/timelapse';
import { LatestOnly } from '../lib/latestOnly';
import type { GeneratorSourceName, GrayImages, LatentRequest, WorkerEvent } from '../../shared/protocol';

export type RealVsFakeScores = Extract<WorkerEvent, { type: 'realVsFake' }>;
export type LatentKey = `${GeneratorSourceName}:${LatentRequest['kind']}`;
export interface LatentImage {
  request: LatentRequest;
  images: GrayImages;
  classes: number;
}

/** What the worker-rendered "see inside" views show; fed by actions/trainingWorker.ts. */
interface InsideState {
  realVsFake: RealVsFakeScores | null;
  latent: Partial<Record<LatentKey, LatentImage>>;
  /** The page's mirror of the worker's timelapse. Mutated in place; `timelapseVersion` signals change. */
  timelapse: Timelapse;
  timelapseVersion: number;
  /** Set when the run was loaded: its timelapse starts at that step. */
  timelapseFrom: number | null;
  busy: { gif: boolean; samples: boolean };
  /** The running samples export: images done of the count asked for. */
  samplesProgress: { done: number; count: number } | null;
}

export const useInside = create<InsideState>()(() => ({
  realVsFake: null,
  latent: {},
  timelapse: new Timelapse(),
  timelapseVersion: 0,
  timelapseFrom: null,
  busy: { gif: false, samples: false },
  samplesProgress: null,
}));

const keyOf = (r: LatentRequest): LatentKey => `${r.source}:${r.kind}`;
const senders = new Map<LatentKey, LatestOnly<LatentRequest>>();

/** Sends a latent render through its view's LatestOnly: one in flight per view, the last value wins. */
export function requestLatent(request: LatentRequest, send: (r: LatentRequest) => void): void {
  const key = keyOf(request);
  let s = senders.get(key);
  if (!s) senders.set(key, (s = new LatestOnly(send)));
  s.request(request);
}

const bump = () => useInside.setState((s) => ({ timelapseVersion: s.timelapseVersion + 1 }));

/** Takes the events these views need (also seeing `ready`, `rolledBack` and `error`, which go on to the main store too). */
export function applyInside(event: WorkerEvent): void {
  const s = useInside.getState();
  switch (event.type) {
    case 'ready':
      s.timelapse.clear();
      useInside.setState({ realVsFake: null, latent: {}, timelapseFrom: event.loaded ? event.loaded.step : null });
      return bump();
    case 'rolledBack':
      s.timelapse.dropAfter(event.step);
      return bump();
    case 'timelapseFrame':
      s.timelapse.add(event.step, event.gray, event.width, event.height);
      return bump();
    case 'realVsFake':
      return useInside.setState({ realVsFake: event });
    case 'latentRendered': {
      const key = keyOf(event.request);
      useInside.setState({ latent: { ...s.latent, [key]: { request: event.request, images: event.images, classes: event.classes } } });
      return senders.get(key)?.done();
    }
    case 'timelapseExported':
      useInside.setState({ busy: { ...s.busy, gif: false } });
      return saveBlob(new Blob([event.bytes], { type: 'image/gif' }), event.fileName);
    case 'samplesProgress':
      return useInside.setState({ busy: { ...s.busy, samples: true }, samplesProgress: { done: event.done, count: event.count } });
    case 'samplesExported':
      useInside.setState({ busy: { ...s.busy, samples: false }, samplesProgress: null });
      return saveBlob(new Blob([event.bytes], { type: 'application/zip' }), event.fileName);
    case 'error':
      // A refused render or export answers with an error: free the views waiting on it.
      senders.forEach((l) => l.done());
      return useInside.setState({ busy: { gif: false, samples: false }, samplesProgress: null });
    default:
      return;
  }
}

export const INSIDE_EVENTS = new Set<WorkerEvent['type']>([
  'realVsFake',
  'latentRendered',
  'timelapseFrame',
  'timelapseExported',
  'samplesProgress',
  'samplesExported',
]);
