// Reading a downloaded GIF as a viewer would: its images, found by walking the blocks.

/** The images in a GIF, counted by walking its blocks (a byte pattern could also occur inside compressed data). */
export function gifImages(gif: Uint8Array): number {
  const table = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  let at = 13 + table(gif[10]);
  const skipSubBlocks = () => {
    while (gif[at] !== 0) at += gif[at] + 1;
    at++;
  };
  let images = 0;
  while (gif[at] !== 0x3b) {
    if (at >= gif.length) throw new Error('the GIF ends before its trailer');
    if (gif[at] === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (gif[at] === 0x2c) {
      images++;
      at += 10 + table(gif[at + 9]) + 1;
      skipSubBlocks();
    } else throw new Error(`not a GIF block at byte ${at}: ${gif[at]}`);
  }
  return images;
}
