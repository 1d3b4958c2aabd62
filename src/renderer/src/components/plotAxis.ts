/** The look every uPlot chart shares: axis colours, fonts and grid. Each chart keeps its own tick format. */
import type uPlot from 'uplot';

export const PLOT_MUTED = '#9aa7b4';
export const PLOT_GRID = 'rgba(154, 167, 180, 0.14)';

/** An axis in the house style, labelled, with each tick's text from `tick`. */
export function plotAxis(label: string, tick: (v: number) => string): uPlot.Axis {
  return {
    label,
    stroke: PLOT_MUTED,
    grid: { stroke: PLOT_GRID, width: 1 },
    ticks: { stroke: PLOT_GRID, width: 1 },
    values: (_u, splits) => splits.map(tick),
    labelFont: '12px system-ui, sans-serif',
    font: '11px system-ui, sans-serif',
  };
}
