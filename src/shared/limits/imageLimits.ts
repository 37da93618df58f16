/** The largest single image file "Your images" takes: checked on the page before reading and in the worker. */
export const MAX_IMAGE_BYTES = 20 * 2 ** 20;
