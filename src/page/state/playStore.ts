import { create } from 'zustand';
import { LatestOnly } from '../lib/latestOnly';
import type { GeneratorSourceName, WorkerEvent } from '../../shared/protocol';
import type { StudyResult } from '../../shared/study';

/** What a user does with an application's generator, and the answers; fed by actions/trainingWorker.ts. */
interface PlayState {
  /** The last drawing each sketch-to-digit generator answered: as it saw it, and what it made. */
  drawn: Partial<Record<GeneratorSourceName, { request: number; step: number; sketch: Uint8Array; output: Uint8Array }>>;
  /** Your last image through each super-resolution generator: its low-resolution input, bicubic's and the GAN's 28x28. */
  upscaled: Partial<Record<GeneratorSourceName, { request: number; step: number; low: Uint8Array; lowSide: number; bicubic: Uint8Array; output: Uint8Array }>>;
  /** The augmentation study: how far the running one is (null when none runs), and the last answer. */
  study: { progress: { done: number; total: number } | null; result: StudyResult | null };
}

export const usePlay = create<PlayState>()(() => ({ drawn: {}, upscaled: {}, study: { progress: null, result: null } }));

const drawingSenders = new Map<GeneratorSourceName, LatestOnly<Uint8Array>>();

/** Sends a drawing through its pad's LatestOnly: one in flight per generator (the live one and an opened one each have a pad), the last wins. */
export function requestDrawing(source: GeneratorSourceName, pixels: Uint8Array, send: (pixels: Uint8Array) => void): void {
  let s = drawingSenders.get(source);
  if (!s) drawingSenders.set(source, (s = new LatestOnly(send)));
  s.request(pixels);
}

/** Takes the events these views need (also seeing `ready` and `error`, which go on to the main store too). */
export function applyPlay(event: WorkerEvent): void {
  const s = usePlay.getState();
  switch (event.type) {
    case 'ready':
      // Another generator: its answers start afresh.
      return usePlay.setState({ drawn: {}, upscaled: {}, study: { progress: null, result: null } });
    case 'translated':
      usePlay.setState({
        drawn: { ...s.drawn, [event.source]: { request: event.request, step: event.step, sketch: event.sketch.gray, output: event.output.gray } },
      });
      return drawingSenders.get(event.source)?.done();
    case 'upscaled':
      return usePlay.setState({
        upscaled: {
          ...s.upscaled,
          [event.source]: {
            request: event.request,
            step: event.step,
            low: event.low.gray,
            lowSide: event.low.size,
            bicubic: event.bicubic.gray,
            output: event.output.gray,
          },
        },
      });
    case 'studyProgress':
      return usePlay.setState({ study: { ...s.study, progress: { done: event.done, total: event.total } } });
    case 'studyResult':
      return usePlay.setState({ study: { progress: null, result: event.result } });
    case 'error':
      // A refused drawing or a failed study answers with an error: free what waits on it.
      drawingSenders.forEach((l) => l.done());
      if (s.study.progress) usePlay.setState({ study: { ...s.study, progress: null } });
      return;
    default:
      return;
  }
}

export const PLAY_EVENTS = new Set<WorkerEvent['type']>(['translated', 'upscaled', 'studyProgress', 'studyResult']);
