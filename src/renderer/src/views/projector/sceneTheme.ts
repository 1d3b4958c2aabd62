/**
 * The projector's colours from the page theme (the --projector-* variables in styles.css):
 * the WebGL background, the axes, the highlight colours and the labels drawn into a PNG.
 * The scene re-reads them when the theme changes (Canvas3D listens).
 */
import { themeColor } from '../../theme/theme.js';
import type { HighlightKind } from './scene.js';

export interface SceneTheme {
  background: string;
  axis: string;
  highlight: Record<HighlightKind, [number, number, number]>;
  labelBackground: string;
  label: Record<HighlightKind, string>;
}

/** "#rrggbb" (or "#rgb") → [r, g, b] in 0..1; grey when the value is not a hex colour. */
export function hexRgb(hex: string): [number, number, number] {
  const h = hex.trim().replace(/^#/, '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const v = /^[0-9a-f]{6}$/i.test(full) ? parseInt(full, 16) : 0x999999;
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

export function sceneTheme(): SceneTheme {
  const selected = hexRgb(themeColor('--projector-selected', '#ffffff'));
  const labelText = themeColor('--projector-label', '#cfe6fa');
  return {
    background: themeColor('--projector-bg', '#0b1015'),
    axis: themeColor('--projector-axis', '#2b3845'),
    highlight: {
      selected,
      neighbor: hexRgb(themeColor('--projector-neighbor', '#7dbdf0')),
      hit: hexRgb(themeColor('--projector-hit', '#ffb352')),
      hover: selected,
    },
    labelBackground: themeColor('--projector-label-bg', 'rgba(11, 16, 21, 0.8)'),
    label: {
      selected: themeColor('--projector-label-selected', '#ffffff'),
      neighbor: labelText,
      hit: themeColor('--projector-label-hit', '#ffcf8a'),
      hover: labelText,
    },
  };
}
