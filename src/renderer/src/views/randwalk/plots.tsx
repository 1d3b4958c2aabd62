/**
 * uPlot charts for the theory checks: a scatter with its least-squares line
 * (and the line the theory predicts, dashed), and a histogram of Z_c.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { plotAxis } from '../../components/plotAxis.js';

const POINT = 'rgba(90, 169, 230, 0.5)';
const FIT = '#e0b25a';
const PREDICTED = '#b7a9f5';
const BAR = 'rgba(90, 169, 230, 0.75)';
const HEIGHT = 260;

const tick = (v: number): string => {
  if (v == null) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5) return v.toExponential(1).replace('e+', 'e');
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3))).replace('-', '−');
};

const show = (v: number | null): string => (v == null ? '—' : String(Number(v.toPrecision(4))).replace('-', '−'));

const axis = (label: string): uPlot.Axis => plotAxis(label, tick);

/** Mounts a uPlot chart in `el`, sized to its width, and keeps it sized. */
function mount(el: HTMLDivElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): () => void {
  const plot = new uPlot({ ...opts, width: Math.max(220, el.clientWidth), height: HEIGHT }, data, el);
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(220, el.clientWidth), height: HEIGHT }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}

interface ScatterProps {
  points: [number, number][];
  /** The least-squares line, as two points. */
  line: [[number, number], [number, number]];
  /** The theory's line y = x + offset, drawn dashed. */
  predicted?: { offset: number; label: string };
  xLabel: string;
  yLabel: string;
  pointLabel: string;
  ariaLabel: string;
  testId: string;
}

export function ScatterFit({ points, line, predicted, xLabel, yLabel, pointLabel, ariaLabel, testId }: ScatterProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const sorted = [...points].sort((a, b) => a[0] - b[0]);
    const xs = sorted.map((p) => p[0]);
    const [[x0, y0], [x1, y1]] = line;
    const slope = x1 !== x0 ? (y1 - y0) / (x1 - x0) : 0;
    const fit = xs.map((x) => y0 + slope * (x - x0));
    const series: uPlot.Series[] = [
      { label: xLabel, value: (_u, v) => show(v) },
      { label: pointLabel, stroke: POINT, fill: POINT, paths: () => null, points: { show: true, size: 4, width: 0, fill: POINT, stroke: POINT }, value: (_u, v) => show(v) },
      { label: 'least-squares fit', stroke: FIT, width: 2, points: { show: false }, value: (_u, v) => show(v) },
    ];
    const data: (number | null)[][] = [xs, sorted.map((p) => p[1]), fit];
    if (predicted) {
      series.push({ label: predicted.label, stroke: PREDICTED, width: 1.5, dash: [6, 5], points: { show: false }, value: (_u, v) => show(v) });
      data.push(xs.map((x) => x + predicted.offset));
    }
    return mount(
      el,
      {
        scales: { x: { time: false } },
        axes: [axis(xLabel), { ...axis(yLabel), size: 56 }],
        series,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
      },
      data as uPlot.AlignedData,
    );
  }, [points, line, predicted?.offset, predicted?.label, xLabel, yLabel, pointLabel]);

  if (points.length === 0) return <p className="muted">No points to plot.</p>;
  return (
    <figure className="rw-figure">
      <div ref={box} className="rw-plot" data-testid={testId} role="img" aria-label={ariaLabel} />
      <figcaption className="rw-legend">
        <span>
          <i className="rw-key rw-key-point" style={{ background: POINT }} />
          {pointLabel}
        </span>
        <span>
          <i className="rw-key rw-key-line" style={{ borderColor: FIT }} />
          least-squares fit
        </span>
        {predicted && (
          <span>
            <i className="rw-key rw-key-dash" style={{ borderColor: PREDICTED }} />
            {predicted.label}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

interface HistogramProps {
  bins: { lo: number; hi: number; count: number }[];
  xLabel: string;
  ariaLabel: string;
  testId: string;
}

export function Histogram({ bins, xLabel, ariaLabel, testId }: HistogramProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || bins.length === 0) return;
    const xs = bins.map((b) => (b.lo + b.hi) / 2);
    const lo = bins[0].lo;
    const hi = bins[bins.length - 1].hi;
    const bars = uPlot.paths.bars!({ size: [0.94, Infinity], align: 0 });
    return mount(
      el,
      {
        scales: { x: { time: false, range: () => [lo, hi > lo ? hi : lo + 1] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] } },
        axes: [axis(xLabel), { ...axis('discourse vectors'), size: 56 }],
        series: [
          { label: xLabel, value: (_u, v) => show(v) },
          { label: 'count', stroke: BAR, fill: BAR, width: 0, paths: bars, points: { show: false }, value: (_u, v) => (v == null ? '—' : String(v)) },
        ],
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
      },
      [xs, bins.map((b) => b.count)],
    );
  }, [bins, xLabel]);

  if (bins.length === 0) return <p className="muted">No samples to plot.</p>;
  return <div ref={box} className="rw-plot" data-testid={testId} role="img" aria-label={ariaLabel} />;
}
