/**
 * A uPlot chart of quantities against the training step: solid or dashed lines, a log
 * y (and optionally log x) axis, and vertical markers (the theory's rise steps).
 * Values a log axis cannot show (≤ 0) are left out rather than drawn at the floor.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { plotAxis } from '../../components/plotAxis.js';

export interface StepLine {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  width?: number;
}

export interface StepMarker {
  x: number;
  color: string;
  /** Drawn at the top of the line ("1" for mode 1). */
  label: string;
}

interface Props {
  x: number[];
  lines: StepLine[];
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  logX?: boolean;
  markers?: StepMarker[];
  /** A fixed y range (overlap: [0, 1]). */
  yRange?: [number, number];
  /** uPlot's own legend (off for many lines: the caller draws a key). */
  legend?: boolean;
  height?: number;
  ariaLabel: string;
  testId: string;
}

const tick = (v: number): string => {
  if (v == null) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5 || a < 1e-2) return v.toExponential(0).replace('e+', 'e').replace('-', '−');
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3))).replace('-', '−');
};

const show = (v: number | null): string => (v == null ? '—' : String(Number(v.toPrecision(4))).replace('-', '−'));

/**
 * Splits for a log axis: powers of ten within the range, every n-th decade so that
 * about six are labelled; with fewer than three decades, also 2× and 5× (uPlot's own
 * log splits label every 1…9 × 10^k, which crowds a tall range).
 */
const logSplits: uPlot.Axis.Splits = (_u, _i, min, max) => {
  if (!(min > 0) || !(max > min)) return [min, max];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const n = Math.max(1, Math.ceil((hi - lo + 1) / 7));
  const steps = hi - lo <= 3 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) {
    if (e % n !== 0) continue;
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length ? out : [min, max];
};

/** uPlot's log filters thin the splits again by its own spacing: these are kept as they are. */
const every: uPlot.Axis.Filter = (_u, splits) => splits;

const logAxis = (a: uPlot.Axis): uPlot.Axis => ({ ...a, splits: logSplits, filter: every, grid: { ...a.grid, filter: every }, ticks: { ...a.ticks, filter: every } });

/** Draws each marker as a dashed vertical line with its label above the plot area. */
function markerHook(markers: StepMarker[]) {
  return (u: uPlot): void => {
    const { ctx } = u;
    let drawn = 0;
    const { top, height, left, width } = u.bbox;
    const px = uPlot.pxRatio;
    ctx.save();
    ctx.lineWidth = 1.25 * px;
    ctx.setLineDash([4 * px, 4 * px]);
    ctx.font = `${10 * px}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const m of markers) {
      const x = u.valToPos(m.x, 'x', true);
      if (!Number.isFinite(x) || x < left - 0.5 || x > left + width + 0.5) continue;
      ctx.strokeStyle = m.color;
      ctx.globalAlpha = 0.75;
      ctx.beginPath();
      ctx.moveTo(x, top + 12 * px);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = m.color;
      ctx.fillText(m.label, x, top);
      drawn++;
    }
    ctx.restore();
    // For tests and tools: how many markers are on the plot.
    if (u.root.parentElement) u.root.parentElement.dataset.markersDrawn = String(drawn);
  };
}

export function StepChart({ x, lines, xLabel, yLabel, logY, logX, markers, yRange, legend = true, height = 250, ariaLabel, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    // A log step axis cannot hold step 0: those snapshots are left out.
    const keep = x.map((v, i) => (!logX || v > 0 ? i : -1)).filter((i) => i >= 0);
    const xs = keep.map((i) => x[i]);
    const ys = lines.map((l) => keep.map((i) => {
      const v = l.values[i];
      return v == null || !Number.isFinite(v) || (logY && v <= 0) ? null : v;
    }));
    const axis = (label: string): uPlot.Axis => plotAxis(label, tick);
    const dots = xs.length <= 40;
    const opts: uPlot.Options = {
      width: Math.max(220, el.clientWidth),
      height,
      scales: {
        x: { time: false, ...(logX ? { distr: 3 } : {}), range: (_u, min, max) => (min < max ? [min, max] : [min - 1, max + 1]) },
        y: { ...(logY ? { distr: 3 } : {}), ...(yRange ? { range: () => yRange } : {}) },
      },
      axes: [logX ? logAxis(axis(xLabel)) : axis(xLabel), { ...(logY ? logAxis(axis(yLabel)) : axis(yLabel)), size: 60 }],
      series: [
        { label: xLabel, value: (_u, v) => show(v) },
        ...lines.map((l): uPlot.Series => ({
          label: l.label,
          stroke: l.color,
          width: l.width ?? (l.dashed ? 1.25 : 1.75),
          dash: l.dashed ? [6, 4] : undefined,
          points: { show: dots && !l.dashed, size: 4, fill: l.color },
          spanGaps: false,
          value: (_u, v) => show(v),
        })),
      ],
      legend: { show: legend },
      cursor: { drag: { x: false, y: false } },
      hooks: markers && markers.length ? { draw: [markerHook(markers)] } : {},
      padding: [markers && markers.length ? 16 : 10, 12, 0, 0],
    };
    const plot = new uPlot(opts, [xs, ...ys] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(220, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, lines, xLabel, yLabel, logY, logX, markers, yRange, legend, height]);

  if (x.length === 0) return <p className="muted small">Nothing recorded yet.</p>;
  return (
    <div
      ref={box} className="dyn-plot" data-testid={testId} role="img" aria-label={ariaLabel} style={{ minHeight: height }}
      data-lines={lines.length} data-dashed-lines={lines.filter((l) => l.dashed).length}
    />
  );
}
