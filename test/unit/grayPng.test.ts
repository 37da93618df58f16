import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { grayPng } from '../../src/engine/export/grayPng';

describe('the grayscale PNG encoder of the samples export', () => {
  it('writes a PNG that pngjs reads back to the same pixels', () => {
    const gray = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i * 37) % 256);
    const png = PNG.sync.read(Buffer.from(grayPng(gray, 28, 28)));
    expect([png.width, png.height]).toEqual([28, 28]);
    const back = Uint8Array.from({ length: 28 * 28 }, (_, i) => png.data[i * 4]);
    expect(back).toEqual(gray);
    expect(png.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });
});
