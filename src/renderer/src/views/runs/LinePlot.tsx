/** A small uPlot line chart for a run's curves (loss, speed, spectra by epoch): shared x, one or more series. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { plotAxis, plotColor } from '../../components/plotAxis.js';
import { useTheme } from '../../theme/theme.js';

const HEIGHT = 240;

export interface Line {
  label: string;
  values: (number | null)[];
  /** A CSS colour, or a theme variable ("--plot-series") read when the chart is drawn. */
  color: string;
}

interface Props {
  x: number[];
  lines: Line[];
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  ariaLabel: string;
  testId?: string;
}

const tick = (v: number): string => {
  if (v == null) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 1e-2) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
};

const show = (v: number | null): string => (v == null ? '—' : String(Number(v.toPrecision(5))));

const colorOf = (c: string): string => (c.startsWith('--') ? plotColor(c) : c);

export function LinePlot({ x, lines, xLabel, yLabel, logY, ariaLabel, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useTheme();

  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    const axis = (label: string): uPlot.Axis => plotAxis(label, tick);
    const dots = x.length <= 60;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
      axes: [axis(xLabel), { ...axis(yLabel), size: 58 }],
      series: [
        { label: xLabel, value: (_u, v) => show(v) },
        ...lines.map((l) => ({ label: l.label, stroke: colorOf(l.color), width: 1.5, points: { show: dots, size: 4, fill: colorOf(l.color) }, value: (_u: uPlot, v: number | null) => show(v) })),
      ],
      legend: { show: lines.length <= 12 },
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, [x, ...lines.map((l) => l.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, lines, xLabel, yLabel, logY, theme]);

  return <div ref={box} className="plot line-plot" data-testid={testId} role="img" aria-label={ariaLabel} />;
}
