/**
 * The 2D lab's data sets: what each one is (mixture modes, or a shape), so the
 * worker samples them and the tests and metrics read the same definition.
 * Everything lives in the square [-VIEW, VIEW]^2 the canvas shows.
 */
export const VIEW = 2.5;

export type Lab2dDataKind = 'ring' | 'grid' | 'moons' | 'spiral' | 'line' | 'twoGauss' | 'custom';

export const LAB2D_DATA_LABELS: Record<Lab2dDataKind, string> = {
  ring: 'Ring of 8 Gaussians',
  grid: '5×5 grid of 25 Gaussians',
  moons: 'Two moons',
  spiral: 'Spiral',
  line: 'A line',
  twoGauss: 'Two Gaussians, different sizes',
  custom: 'Draw your own',
};

/** One Gaussian of a mixture: its centre and (isotropic) std; the mixture weights are equal. */
export interface Mode {
  x: number;
  y: number;
  std: number;
}

export const RING_RADIUS = 2;
export const RING_STD = 0.1;
export const GRID_STD = 0.06;

/** The modes of a mixture, or [] for the shapes (moons, spiral, line, your own). */
export function modesOf(kind: Lab2dDataKind): Mode[] {
  switch (kind) {
    case 'ring':
      return Array.from({ length: 8 }, (_, k) => ({
        x: RING_RADIUS * Math.cos((k * Math.PI) / 4),
        y: RING_RADIUS * Math.sin((k * Math.PI) / 4),
        std: RING_STD,
      }));
    case 'grid':
      return Array.from({ length: 25 }, (_, k) => ({ x: (k % 5) - 2, y: Math.floor(k / 5) - 2, std: GRID_STD }));
    case 'twoGauss':
      return [
        { x: -1.2, y: -0.6, std: 0.15 },
        { x: 0.9, y: 0.6, std: 0.5 },
      ];
    default:
      return [];
  }
}

export const MIN_DRAWN_POINTS = 20;
/** The std of the blob around each drawn point (a drawing is a mixture of small Gaussians). */
export const DRAWN_STD = 0.04;
export const MAX_DRAWN_POINTS = 2000;
