import type { Lab2dStateDigest } from '../../shared/lab2dProtocol';
import type { Gan2d } from './gan2d';

/** A 64-bit hash (two multiply-xor lanes) of float64 arrays' exact bits: equal arrays, equal hashes. */
function hashOf(...arrays: Float64Array[]): string {
  let [a, b] = [0x9e3779b9, 0x85ebca6b];
  for (const array of arrays) {
    // Each array's length goes in too, so [x], [y] and [x, y] differ.
    for (const w of [array.length, ...new Uint32Array(array.buffer, array.byteOffset, 2 * array.length)]) {
      a = Math.imul(a ^ w, 0x9e3779b1);
      b = Math.imul(b ^ w, 0xc2b2ae35) ^ (a >>> 15);
    }
  }
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

/** Everything one lab's next step depends on, per piece, so a test can say which piece a restore lost. */
export function digestGan(gan: Gan2d): Lab2dStateDigest {
  const s = gan.snapshot();
  const { g, d, gM, gV, dM, dV } = s.arrays;
  return {
    step: s.step,
    g: hashOf(g),
    d: hashOf(d),
    gAdam: `${hashOf(gM, gV)}/${s.gT}`,
    dAdam: `${hashOf(dM, dV)}/${s.dT}`,
    rng: JSON.stringify(s.rng),
    last: JSON.stringify(s.last),
    config: JSON.stringify(gan.config),
  };
}
