import { grayPng } from '../engine/grayPng';
import type { PngEncoder } from '../engine/samplesZip';

/** Synchronous under the promise: a batch of samples encodes within one turn of the worker, between training steps. */
export const encodePng: PngEncoder = async (gray, width, height) => grayPng(gray, width, height);
