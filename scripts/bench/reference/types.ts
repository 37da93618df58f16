// What the reference page reports to the bench, on the page's performance.now() clock.

export interface StepTiming {
  /** When the step's G update finished. */
  end: number;
  /** Real batch, fake batch (G.predict) and D's two trainOnBatch calls. */
  dMs: number;
  /** The combined model's trainOnBatch. */
  gMs: number;
}

export interface PageReport {
  phase: 'loading' | 'first step' | 'warm-up' | 'window' | 'done';
  /** The backend tfjs runs on and its device, e.g. the WebGL renderer. */
  detail: string;
  batchSize: number;
  firstStart: number | null;
  firstEnd: number | null;
  /** The measurement window opens here; it closes at the last step's end. */
  windowStart: number | null;
  /** Every step after the first (warm-up and window). */
  steps: StepTiming[];
  /** tf.memory().numTensors, highest seen after an update. */
  peakTensors: number;
  /** The last step's losses, to see that training did not blow up. */
  losses: { d: number; g: number } | null;
}

declare global {
  interface Window {
    /** Updated in place while the page trains; read on a timeout. */
    __referenceProgress?: PageReport;
    /** Set once the window is over. */
    __referenceResult?: PageReport;
    __referenceError?: string;
  }
}
