// The float32 .npy files the PyTorch recipe reads (--sample-z) and writes (--sample-out).
import { readFileSync } from 'node:fs';

/** A float32 C-order .npy (format 1.0): the header padded so the data starts at a multiple of 64. */
export function npy(data: Float32Array, shape: number[]): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')},), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, ...Buffer.from('NUMPY'), 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Reads what np.save writes for a float32 C-order array; anything else is refused. */
export function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const b = readFileSync(path);
  if (b.subarray(1, 6).toString('latin1') !== 'NUMPY') throw new Error(`${path}: not a .npy file`);
  const headerLength = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + headerLength).toString('latin1');
  if (!/'descr': '<f4', 'fortran_order': False/.test(header)) throw new Error(`${path}: not float32 in C order (${header.trim()})`);
  const shape = /'shape': \(([\d, ]*)\)/
    .exec(header)?.[1]
    .split(',')
    .filter((d) => d.trim())
    .map(Number);
  if (!shape) throw new Error(`${path}: no shape in the header`);
  return { shape, data: new Float32Array(b.buffer.slice(b.byteOffset + 10 + headerLength, b.byteOffset + b.length)) };
}
