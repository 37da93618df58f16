/** The "Does augmentation help?" study's plan and answer: computed in the worker, shown by the page. */
export interface StudyPlan {
  /** Real labelled training images (the same number of each class). */
  real: number;
  /** Generated images added, balanced over the classes. */
  added: number;
  seeds: number[];
  /** Adam steps per classifier, the same with and without the generated images. */
  steps: number;
  batch: number;
}

/** One seed's test accuracy without and with the generated images. */
export interface StudyRow {
  seed: number;
  realOnly: number;
  augmented: number;
}

export interface StudyResult {
  plan: StudyPlan;
  /** The generator's step when its images were drawn. */
  step: number;
  testImages: number;
  rows: StudyRow[];
  mean: { realOnly: number; augmented: number };
  /** Sample standard deviation over the seeds. */
  spread: { realOnly: number; augmented: number };
}

/** The choices the page offers. */
export const STUDY_REAL = [100, 500, 1000] as const;
export const STUDY_ADDED = [500, 1000, 5000] as const;
export const STUDY_SEEDS = [1, 2, 3];
/** Per classifier: 100 real digits reach 86-88% on the test set in 300 steps (docs/benchmarks.md, "Augmentation that is measured"). */
export const STUDY_STEPS = 300;
export const STUDY_BATCH = 64;
