/** The largest single image file "Your images" takes: checked on the page before reading and in the worker. */
export const MAX_IMAGE_BYTES = 20 * 2 ** 20;
/**
 * Up to this many images travel inside a run's file (784 bytes each, 7.5 MB
 * at most), so a run on your images resumes and imports without them; a run
 * on more saves without them and needs them dropped again.
 */
export const RUN_IMAGES_MAX = 10_000;
