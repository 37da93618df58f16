import { unzipSync } from 'fflate';
import { messageOf } from '../errors';

/** Files a run or generator zip holds at most: more is not one of ours. */
const MAX_ENTRIES = 16;

export interface ZipLimits {
  maxEntries: number;
  /** The unpacked size allowed for a file, or undefined to skip it. */
  capOf(name: string): number | undefined;
  /** Unpacked bytes allowed over all kept files. */
  maxTotal: number;
}

/**
 * Unzips the files `limits` keeps, refusing from the declared sizes before
 * inflating anything (zip bombs): fflate inflates into a buffer of the
 * declared size, so a lying header cannot grow it. Every problem goes to
 * `fail`, which throws the caller's own error type.
 */
export function unzipLimited(bytes: Uint8Array, limits: ZipLimits, fail: (message: string) => never): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  let refusal: string | null = null;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        if (++entries > limits.maxEntries) refusal = `the zip has more than ${limits.maxEntries.toLocaleString()} files`;
        const cap = limits.capOf(f.name);
        if (cap !== undefined && f.originalSize > cap) refusal = `${f.name} claims ${mb(f.originalSize)} unpacked, over the ${mb(cap)} limit`;
        if (cap !== undefined) total += f.originalSize;
        if (!refusal && total > limits.maxTotal) refusal = `the zip claims over ${mb(limits.maxTotal)} unpacked in all`;
        if (refusal) throw new Error(refusal);
        return cap !== undefined;
      },
    });
  } catch (e) {
    return fail(refusal ?? `not a zip file, or a damaged one (${messageOf(e)})`);
  }
}

/** Only the named files, each within its cap: the shape of our own run and generator zips. */
export function unzipWithin(bytes: Uint8Array, caps: Record<string, number>, fail: (message: string) => never): Record<string, Uint8Array> {
  const maxTotal = Object.values(caps).reduce((a, b) => a + b, 0);
  return unzipLimited(bytes, { maxEntries: MAX_ENTRIES, capOf: (name) => (Object.hasOwn(caps, name) ? caps[name] : undefined), maxTotal }, fail);
}
