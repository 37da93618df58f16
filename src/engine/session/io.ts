import type { BackendName, BackendReport, DatasetName } from '../../shared/protocol';
import type { DecodeImage } from '../data/customImages';
import type { ImageSet } from '../data/mnist';
import type { QualityFiles } from '../quality/monitor';
import type { SaveIO } from '../runfile/runRecord';
import type { PngEncoder } from '../export/samplesZip';

/** What the training session needs from its host (the worker shell, or a test harness). */
export type DataSplit = 'train' | 'test';

export interface SessionIO extends SaveIO {
  /** Calls `onLost` if the backend dies (WebGL context lost, WebGPU device lost). */
  watchBackend(name: BackendName, onLost: (reason: string) => void): void;
  /** Whether the test hooks (TEST_HOOKS: faults, state reads) are accepted: only when the page was opened with `?faults`. */
  testHooks?: boolean;
  /** The faults only the worker shell can cause. */
  fault(kind: 'loseBackend' | 'crash' | 'hang' | 'stall', backend: BackendName): void;
  /** A data set's training images, or its held-out test images (`split: 'test'`; not asked for 'custom'). */
  loadData(dataset: DatasetName, onProgress: (msg: string) => void, split?: DataSplit): Promise<ImageSet>;
  decodeImage: DecodeImage;
  detectBackends(only?: BackendName): Promise<BackendReport[]>;
  /** Lets queued messages in between steps (a macrotask yield). */
  yieldToEvents(): Promise<void>;
  /** For the samples export (the engine has no canvas). */
  encodePng: PngEncoder;
  /** The reference classifier for the quality score; without it the session measures no quality. */
  loadQuality?(dataset: DatasetName): Promise<QualityFiles>;
}
