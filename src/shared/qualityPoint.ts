/** One evaluation of the generator by the reference classifier (see src/engine/quality/quality.ts); kept in run files too. */
export interface QualityPoint {
  step: number;
  /** Samples evaluated (K). */
  count: number;
  /** Frechet distance of the samples' classifier features to the test set's. */
  fd: number;
  /** What K real test images score: the best FD can be at this K. */
  floor: number;
  /** Classifier score exp(E_x KL(p(y|x) || p(y))): 1 for one class or blur, 10 for confident, even classes. */
  score: number;
  /** Samples per predicted class, 10 entries. */
  histogram: number[];
  /** Classes with >= 2.5% of the samples. */
  modes: number;
  /** KL(histogram || uniform), nats: 0 when balanced, ln 10 = 2.3 when one class. */
  kl: number;
  /**
   * How varied the samples look to the classifier: the root of the trace of
   * their feature covariance over the test set's. About 1 for real data, near 0
   * when every noise vector gives the same image (mode collapse), whatever class
   * that image is taken for. Absent in runs saved before it was measured.
   */
  spread?: number;
  /** How long the evaluation took. */
  ms: number;
}
