import { unzipSync } from 'fflate';

/** Files a zip holds at most: more is not one of ours. */
const MAX_ENTRIES = 16;

/**
 * Unzips only the named files, refusing from the declared sizes before
 * inflating anything (zip bombs): fflate inflates into a buffer of the
 * declared size, so a lying header cannot grow it. Every problem goes to
 * `fail`, which throws the caller's own error type.
 */
export function unzipWithin(bytes: Uint8Array, caps: Record<string, number>, fail: (message: string) => never): Record<string, Uint8Array> {
  let entries = 0;
  let refusal: string | null = null;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        if (++entries > MAX_ENTRIES) refusal = `the zip has more than ${MAX_ENTRIES} files`;
        const cap = caps[f.name];
        if (cap !== undefined && f.originalSize > cap) refusal = `${f.name} claims ${(f.originalSize / 2 ** 20).toFixed(0)} MB unpacked, over the ${cap / 2 ** 20} MB limit`;
        if (refusal) throw new Error(refusal);
        return cap !== undefined;
      },
    });
  } catch (e) {
    return fail(refusal ?? `not a zip file, or a damaged one (${e instanceof Error ? e.message : String(e)})`);
  }
}
