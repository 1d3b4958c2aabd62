/**
 * The look every uPlot chart shares: axis colours, fonts and grid. Each chart keeps its own tick format.
 * Colours come from the theme's variables (--plot-axis, --plot-grid) when the chart draws, and every
 * chart drawn with these axes is redrawn when the theme changes, so charts follow the switch at once.
 */
import type uPlot from 'uplot';
import { onThemeChange, themeColor } from '../theme/theme.js';

/** The theme's colour for chart text and lines, read when drawn ("--plot-axis", "--plot-series"…). */
export const plotColor = (name: string): string => themeColor(name);

/** Charts drawn with a house axis; each leaves the set when its root leaves the page. */
const drawn = new Set<uPlot>();

/** Forgets charts that were destroyed (live charts are rebuilt on every update). */
function sweep(): void {
  for (const u of drawn) if (!u.root.isConnected) drawn.delete(u);
}

onThemeChange((theme) => {
  sweep();
  for (const u of drawn) {
    u.redraw(false);
    // For tests and tools: the theme the chart last drew in.
    u.root.dataset.theme = theme;
  }
});

const themed = (name: string) => (u: uPlot): string => {
  if (!drawn.has(u)) {
    sweep();
    drawn.add(u);
  }
  return themeColor(name);
};

/** An axis in the house style, labelled, with each tick's text from `tick`. */
export function plotAxis(label: string, tick: (v: number) => string): uPlot.Axis {
  return {
    label,
    stroke: themed('--plot-axis'),
    grid: { stroke: themed('--plot-grid'), width: 1 },
    ticks: { stroke: themed('--plot-grid'), width: 1 },
    values: (_u, splits) => splits.map(tick),
    labelFont: '12px system-ui, sans-serif',
    font: '11px system-ui, sans-serif',
  };
}
