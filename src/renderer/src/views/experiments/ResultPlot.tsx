/**
 * A metric against a parameter, one line per method (uPlot, in the house axes and the theme's
 * colours; lines told apart by dash as well as colour). Where other parameters vary too, each
 * point is the best score over them, and the note under the plot says which.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { ExperimentDetail } from '../../../../shared/contract.js';
import { plotAxis, plotColor } from '../../components/plotAxis.js';
import { useTheme } from '../../theme/theme.js';
import { plotData, CORPUS, type PlotData } from './analysis.js';

const HEIGHT = 300;
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 5]];

interface Props {
  detail: ExperimentDetail;
  params: string[];
  metric: string;
  param: string;
  onMetric: (key: string) => void;
  onParam: (key: string) => void;
  manyCorpora: boolean;
  methodLabel: (id: string) => string;
}

const paramName = (p: string): string => (p === CORPUS ? 'corpus' : p);

export function ResultPlot({ detail, params, metric, param, onMetric, onParam, manyCorpora, methodLabel }: Props) {
  const [logX, setLogX] = useState(false);
  const data = useMemo(() => plotData(detail.rows, param, metric, manyCorpora), [detail.rows, param, metric, manyCorpora]);
  const metricLabel = detail.metricColumns.find((m) => m.key === metric)?.label ?? metric;
  const canLog = !data.categories && data.xs.length > 1 && data.xs[0] > 0;
  const points = data.lines.reduce((n, l) => n + l.values.filter((v) => v !== null).length, 0);
  return (
    <section className="card xp-plot-card" aria-labelledby="xp-plot-title">
      <div className="xp-card-head">
        <h2 id="xp-plot-title">Plot</h2>
        <div className="xp-plot-controls">
          <label className="field inline">
            <span>Metric</span>
            <select value={metric} onChange={(e) => onMetric(e.target.value)} aria-label="Metric to plot">
              {detail.metricColumns.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
            </select>
          </label>
          <label className="field inline">
            <span>against</span>
            <select value={param} onChange={(e) => onParam(e.target.value)} aria-label="Parameter on the x axis" disabled={params.length === 0}>
              {params.map((p) => <option key={p} value={p}>{paramName(p)}</option>)}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={logX && canLog} disabled={!canLog} onChange={(e) => setLogX(e.target.checked)} />
            log x
          </label>
        </div>
      </div>
      {params.length === 0 ? (
        <p className="muted">The grid varies no parameter: there is nothing to put on the x axis.</p>
      ) : points === 0 ? (
        <p className="muted" data-testid="plot-empty">No finished run has a {metricLabel} score yet; the plot fills as the cells finish.</p>
      ) : (
        <MetricChart data={data} xLabel={paramName(param)} yLabel={metricLabel} logX={logX && canLog} methodLabel={methodLabel} />
      )}
      <PlotNote data={data} param={paramName(param)} methodLabel={methodLabel} />
    </section>
  );
}

function PlotNote({ data, param, methodLabel }: { data: PlotData; param: string; methodLabel: (id: string) => string }) {
  const parts: string[] = [];
  if (data.bestOver.length > 0) parts.push(`Other parameters vary too (${data.bestOver.map(paramName).join(', ')}): each point is the best score over them at that ${param}.`);
  if (data.without.length > 0) parts.push(`No line for ${data.without.map(methodLabel).join(', ')}: ${data.without.length === 1 ? 'it has' : 'they have'} no scored run with ${param} in the grid.`);
  if (parts.length === 0) return null;
  return <p className="muted small xp-plot-note" data-testid="plot-note">{parts.join(' ')}</p>;
}

const tick = (v: number): string => (v == null ? '' : String(Number(v.toPrecision(3))).replace('-', '−'));
const show = (v: number | null): string => (v == null ? '—' : v.toFixed(4).replace('-', '−'));

/** The x range with a margin, so the first and last points are drawn whole (categories sit half a step in). */
function xRange(data: PlotData, logX: boolean): uPlot.Range.MinMax {
  const [lo, hi] = [data.xs[0], data.xs[data.xs.length - 1]];
  if (data.categories) return [-0.5, data.categories.length - 0.5];
  if (logX) return [lo / 1.15, hi * 1.15];
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.max(1, Math.abs(lo) * 0.1);
  return [lo - pad, hi + pad];
}

function MetricChart({ data, xLabel, yLabel, logX, methodLabel }: { data: PlotData; xLabel: string; yLabel: string; logX: boolean; methodLabel: (id: string) => string }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const colors = data.lines.map((_l, i) => plotColor(`--xp-line-${(i % 6) + 1}`));
    const cat = data.categories;
    const xAxis: uPlot.Axis = cat
      ? { ...plotAxis(xLabel, tick), values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? cat[s] ?? '' : '')), splits: () => data.xs }
      : { ...plotAxis(xLabel, tick), ...(data.xs.length <= 12 ? { splits: () => data.xs } : {}) };
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false, ...(logX ? { distr: 3 } : {}), range: xRange(data, logX) } },
      axes: [xAxis, { ...plotAxis(yLabel, tick), size: 60 }],
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : cat ? cat[v] ?? '' : tick(v)) },
        ...data.lines.map((l, i) => ({
          label: methodLabel(l.method), stroke: colors[i], width: 2, dash: DASHES[i % DASHES.length], spanGaps: true,
          points: { show: true, size: 7, fill: colors[i] }, value: (_u: uPlot, v: number | null) => show(v),
        })),
      ],
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, [data.xs, ...data.lines.map((l) => l.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, xLabel, yLabel, logX, methodLabel, theme]);
  return (
    <div
      ref={box} className="plot xp-plot" data-testid="metric-plot" data-lines={data.lines.length} role="img"
      aria-label={`${yLabel} against ${xLabel}: ${data.lines.map((l) => methodLabel(l.method)).join(', ')}`}
    />
  );
}
