// Limits of the worker-rendered views, apart from the rendering code: the
// page and the command check import them, and must not pull tfjs into the
// main thread's bundle.

export const INTERPOLATION_MAX_FRAMES = 16;
export const LATENT_SLIDERS = 5;
/** Slider values beyond this are far outside anything N(0, 1) noise holds. */
export const LATENT_VALUE_LIMIT = 5;

export const SAMPLES_MIN = 1;
export const SAMPLES_MAX = 10_000;
export const SAMPLES_DEFAULT = 1000;

/** Whole number 1..10000, else a message saying so. */
export function checkSampleCount(n: unknown): string | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= SAMPLES_MIN && n <= SAMPLES_MAX
    ? null
    : `the number of samples must be a whole number from ${SAMPLES_MIN} to ${SAMPLES_MAX.toLocaleString('en')}`;
}
