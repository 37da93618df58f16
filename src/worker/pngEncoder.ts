import { grayPng } from '../engine/export/grayPng';
import type { PngEncoder } from '../engine/export/samplesZip';

/** Synchronous under the promise: a batch of samples encodes within one turn of the worker, between training steps. */
export const encodePng: PngEncoder = async (gray, width, height) => grayPng(gray, width, height);
