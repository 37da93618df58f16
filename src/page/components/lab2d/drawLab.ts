import { HEAT_SIZE, type Lab2dFrame, type Lab2dLayers } from '../../../shared/lab2dProtocol';
import { VIEW } from '../../../shared/lab2dData';

/** Drawing one frame of the lab on a 2D canvas: pure drawing, no state. */
export const REAL_COLOR = '#3fbf6f';
export const FAKE_COLOR = '#b07cf0';
/** Arrow length per unit of gradient, in data units, and its cap: fixed, so shrinking arrows mean shrinking gradients. */
const ARROW_SCALE = 0.15;
const ARROW_MAX = 0.6;
/** One arrow per this many fakes: all of them hide the picture. */
const ARROW_EVERY = 3;

export const toPixel = (v: number, size: number) => ((v + VIEW) / (2 * VIEW)) * size;
export const toPixelY = (v: number, size: number) => ((VIEW - v) / (2 * VIEW)) * size;

let heatCanvas: OffscreenCanvas | null = null;

function drawHeat(ctx: CanvasRenderingContext2D, heat: Uint8ClampedArray, size: number): void {
  heatCanvas ??= new OffscreenCanvas(HEAT_SIZE, HEAT_SIZE);
  const hc = heatCanvas.getContext('2d');
  if (!hc) return;
  hc.putImageData(new ImageData(new Uint8ClampedArray(heat), HEAT_SIZE, HEAT_SIZE), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heatCanvas, 0, 0, size, size);
}

function drawMesh(ctx: CanvasRenderingContext2D, mesh: Float32Array, n: number, size: number): void {
  ctx.strokeStyle = 'rgba(230, 230, 240, 0.45)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = 2 * (r * n + c);
      const [x, y] = [toPixel(mesh[i], size), toPixelY(mesh[i + 1], size)];
      if (c > 0) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
    }
  }
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) {
      const i = 2 * (r * n + c);
      const [x, y] = [toPixel(mesh[i], size), toPixelY(mesh[i + 1], size)];
      if (r > 0) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
    }
  }
  ctx.stroke();
}

export function drawPoints(ctx: CanvasRenderingContext2D, pts: ArrayLike<number>, color: string, size: number, radius = 2.2): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const [x, y] = [toPixel(pts[i], size), toPixelY(pts[i + 1], size)];
    ctx.moveTo(x + radius, y);
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
  }
  ctx.fill();
}

function drawArrows(ctx: CanvasRenderingContext2D, fake: Float32Array, arrows: Float32Array, size: number): void {
  ctx.strokeStyle = 'rgba(255, 220, 120, 0.8)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < fake.length; i += 2 * ARROW_EVERY) {
    let [dx, dy] = [arrows[i] * ARROW_SCALE, arrows[i + 1] * ARROW_SCALE];
    const len = Math.hypot(dx, dy);
    if (len > ARROW_MAX) [dx, dy] = [(dx * ARROW_MAX) / len, (dy * ARROW_MAX) / len];
    const [x0, y0] = [toPixel(fake[i], size), toPixelY(fake[i + 1], size)];
    const [x1, y1] = [toPixel(fake[i] + dx, size), toPixelY(fake[i + 1] + dy, size)];
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    // A small head, a quarter of the way back, turned 25 degrees each side.
    const a = Math.atan2(y1 - y0, x1 - x0);
    const h = Math.min(5, Math.hypot(x1 - x0, y1 - y0) / 3);
    for (const s of [-1, 1]) {
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - h * Math.cos(a + s * 0.45), y1 - h * Math.sin(a + s * 0.45));
    }
  }
  ctx.stroke();
}

/** The whole canvas: heatmap, G's mesh, real points, fakes and their arrows, each as `layers` says. */
export function drawFrame(ctx: CanvasRenderingContext2D, frame: Lab2dFrame | null, layers: Lab2dLayers, drawn: readonly number[], size: number): void {
  ctx.fillStyle = '#14171d';
  ctx.fillRect(0, 0, size, size);
  if (frame?.heat && layers.heatmap) drawHeat(ctx, frame.heat, size);
  if (frame?.mesh && layers.mesh) drawMesh(ctx, frame.mesh, frame.meshSize, size);
  if (frame && layers.real) drawPoints(ctx, frame.real, REAL_COLOR, size);
  if (drawn.length) drawPoints(ctx, drawn, '#ffffff', size, 3);
  if (frame && layers.fake) drawPoints(ctx, frame.fake, FAKE_COLOR, size);
  if (frame?.arrows && layers.arrows && layers.fake) drawArrows(ctx, frame.fake, frame.arrows, size);
}
