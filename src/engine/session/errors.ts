import type { ErrorCode } from '../../shared/protocol';
import { BackendError } from '../backends/backend';
import { DataError } from '../data/mnist';
import { GeneratorFileError } from '../../shared/formats/generatorZip';
import { RunFileError } from '../runfile/runArchive';
import { Refusal } from '../loop/refusal';

/** A refused command (bad hyperparameters, a bad reset, a bad file) changes nothing, so a running run keeps running. */
export function isRefusal(e: unknown): boolean {
  return e instanceof Refusal || e instanceof RunFileError || e instanceof GeneratorFileError;
}

/** The error code the page sees, and whether the run can go on. */
export function classify(e: unknown): [ErrorCode, boolean] {
  if (e instanceof DataError) return ['data', false];
  if (e instanceof Refusal) return ['hyperparams', true];
  if (e instanceof BackendError) return ['backend', true];
  if (e instanceof RunFileError || e instanceof GeneratorFileError) return ['import', true];
  return ['internal', true];
}
