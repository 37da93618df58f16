// Draws the app icons the web app manifest names (public/manifest.webmanifest): the favicon's
// design (three blue squares and an orange one on a dark tile) as PNGs. Run: npx tsx scripts/icons.ts
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const TILE = [0x1b, 0x1f, 0x27];
const BLUE = [0x4e, 0x9a, 0xf1];
const ORANGE = [0xf2, 0x8e, 0x2b];
// favicon.svg's squares, in its 16-unit grid: [x, y, colour].
const SQUARES: [number, number, number[]][] = [
  [4, 4, BLUE],
  [9, 4, BLUE],
  [4, 9, BLUE],
  [9, 9, ORANGE],
];

function colourAt(x: number, y: number): number[] {
  for (const [sx, sy, c] of SQUARES) if (x >= sx && x < sx + 3 && y >= sy && y < sy + 3) return c;
  return TILE;
}

function icon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = colourAt((x / size) * 16, (y / size) * 16);
      const i = (y * size + x) * 4;
      png.data.set([c[0], c[1], c[2], 255], i);
    }
  }
  return PNG.sync.write(png);
}

for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, icon(size));
console.log('wrote public/icons/icon-192.png and icon-512.png');
