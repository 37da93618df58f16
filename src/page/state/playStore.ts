import { create } from 'zustand';
import { LatestOnly } from '../lib/latestOnly';
import type { GeneratorSourceName, WorkerEvent } from '../../shared/protocol';
import type { StudyResult } from '../../shared/study';
import { trainer } from '../bridge/workerBridge';

/** What a user does with an application's generator, and the answers; fed by state/training.ts. */
interface PlayState {
  /** The last drawing each sketch-to-digit generator answered: as it saw it, and what it made. */
  drawn: Partial<Record<GeneratorSourceName, { request: number; step: number; sketch: Uint8Array; output: Uint8Array }>>;
  /** Your last image through each super-resolution generator: its low-resolution input, bicubic's and the GAN's 28x28. */
  upscaled: Partial<Record<GeneratorSourceName, { request: number; step: number; low: Uint8Array; lowSide: number; bicubic: Uint8Array; output: Uint8Array }>>;
  /** The augmentation study: how far the running one is (null when none runs), and the last answer. */
  study: { progress: { done: number; total: number } | null; result: StudyResult | null };
}

export const usePlay = create<PlayState>()(() => ({ drawn: {}, upscaled: {}, study: { progress: null, result: null } }));

let nextRequest = 1;
/** One drawing in flight per generator (the live one and an opened one each have a pad); newer ones wait, and only the last is sent. */
export const drawingSenders: Record<GeneratorSourceName, LatestOnly<Uint8Array>> = {
  live: new LatestOnly((pixels) => trainer.send({ type: 'translate', source: 'live', request: nextRequest++, pixels })),
  opened: new LatestOnly((pixels) => trainer.send({ type: 'translate', source: 'opened', request: nextRequest++, pixels })),
};

export function upscale(source: GeneratorSourceName, image: { side: number; pixels: Uint8Array }): void {
  trainer.send({ type: 'upscale', source, request: nextRequest++, ...image });
}

export function runStudy(real: number, added: number): void {
  usePlay.setState((s) => ({ study: { ...s.study, progress: { done: 0, total: 6 } } }));
  trainer.send({ type: 'runStudy', real, added });
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
      return drawingSenders[event.source].done();
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
      Object.values(drawingSenders).forEach((l) => l.done());
      if (s.study.progress) usePlay.setState({ study: { ...s.study, progress: null } });
      return;
    default:
      return;
  }
}

export const PLAY_EVENTS = new Set<WorkerEvent['type']>(['translated', 'upscaled', 'studyProgress', 'studyResult']);
