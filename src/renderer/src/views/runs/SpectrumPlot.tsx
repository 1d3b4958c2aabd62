/**
 * A spectrum against its index with uPlot: singular values on a log axis, or
 * signed eigenvalues on an arcsinh axis (log-like on both sides of zero), with
 * the kept values, the other computed ones and the negative ones told apart.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { plotAxis, plotColor } from '../../components/plotAxis.js';
import { useTheme } from '../../theme/theme.js';
const HEIGHT = 280;

interface Props {
  values: number[];
  /** How many of the first values the run kept (the rest were computed only). */
  kept: number;
  yLabel: string;
  /** Name of the kept series in the legend. */
  keptLabel: string;
  ariaLabel: string;
}

const tick = (v: number): string => {
  if (v == null) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-2) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3))).replace('-', '−');
};

const show = (v: number | null): string => (v == null ? '—' : String(Number(v.toPrecision(5))).replace('-', '−'));

export function SpectrumPlot({ values, kept, yLabel, keptLabel, ariaLabel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useTheme();

  useEffect(() => {
    const el = box.current;
    if (!el || values.length === 0) return;
    const [ACCENT, OTHER, NEGATIVE] = ['--plot-series', '--plot-other', '--plot-negative'].map(plotColor);
    const logScale = values.every((v) => v > 0);
    const hasNegative = values.some((v) => v < 0);
    const hasOther = values.length > kept;
    const xs = values.map((_v, i) => i + 1);
    const keptYs = values.map((v, i) => (i < kept && v >= 0 ? v : null));
    const otherYs = values.map((v, i) => (i >= kept && v >= 0 ? v : null));
    const negativeYs = values.map((v) => (v < 0 ? v : null));
    const axis = (label: string): uPlot.Axis => plotAxis(label, tick);
    const dots = values.length <= 160;
    const series: uPlot.Series[] = [
      { label: 'index', value: (_u, v) => (v == null ? '—' : String(v)) },
      { label: keptLabel, stroke: ACCENT, width: 2, points: { show: dots, size: 5, fill: ACCENT }, value: (_u, v) => show(v) },
    ];
    const data: (number | null)[][] = [xs, keptYs];
    if (hasOther) {
      series.push({ label: 'computed, not kept', stroke: OTHER, width: 1, dash: [4, 4], points: { show: dots, size: 4, fill: OTHER }, value: (_u, v) => show(v) });
      data.push(otherYs);
    }
    if (hasNegative) {
      series.push({ label: 'negative', stroke: NEGATIVE, width: 0, paths: () => null, points: { show: true, size: 6, fill: NEGATIVE }, value: (_u, v) => show(v) });
      data.push(negativeYs);
    }
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false }, y: logScale ? { distr: 3 } : { distr: 4, asinh: 1 } },
      axes: [axis('index'), { ...axis(yLabel), size: 58 }],
      series,
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, data as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [values, kept, yLabel, keptLabel, theme]);

  if (values.length === 0) return <p className="muted">No values were recorded.</p>;
  return <div ref={box} className="plot spectrum-plot" data-testid="spectrum" role="img" aria-label={ariaLabel} />;
}
