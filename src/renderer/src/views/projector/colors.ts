/** Colour ramps for the point cloud (readable on the dark background). */

export type RGB = [number, number, number];

/** A perceptually ordered ramp (viridis-like, lifted so its dark end stays visible on the background). */
const RAMP: RGB[] = [
  [0.45, 0.38, 0.86],
  [0.3, 0.48, 0.9],
  [0.16, 0.6, 0.8],
  [0.13, 0.63, 0.6],
  [0.35, 0.76, 0.42],
  [0.7, 0.85, 0.25],
  [0.99, 0.91, 0.15],
];

export function ramp(t: number): RGB {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** 20 distinct hues (Tableau-like), then golden-angle hues for larger k. */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#86bcb6', '#f1ce63', '#a0cbe8', '#ffbe7d', '#8cd17d', '#d4a6c8', '#fabfd2', '#d37295', '#b6992d', '#79706e',
];

export function categorical(c: number): RGB {
  if (c < PALETTE.length) return hexToRgb(PALETTE[c]);
  const h = (c * 137.508) % 360;
  return hslToRgb(h / 360, 0.55, 0.62);
}

export function cssColor([r, g, b]: RGB): string {
  return `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`;
}

function hexToRgb(hex: string): RGB {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

function hslToRgb(h: number, s: number, l: number): RGB {
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}
