/**
 * The rank–frequency curve on log–log axes (uPlot, distr 3), with the ideal
 * Zipf line count = c₁/rank for reference and the least-squares slope.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { plotAxis } from '../../components/plotAxis.js';
import { fmtInt } from '../../format.js';

const ACCENT = '#5aa9e6';
const REFERENCE = '#d9a55a';
const HEIGHT = 280;

/** Least-squares slope of log(count) against log(rank). */
function slopeOf(points: [number, number][]): number | null {
  if (points.length < 3) return null;
  const xs = points.map(([r]) => Math.log(r));
  const ys = points.map(([, c]) => Math.log(c));
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  return sxx > 0 ? sxy / sxx : null;
}

const tickText = (v: number): string => (v == null ? '' : v >= 1e6 ? v.toExponential(0).replace('e+', 'e') : fmtInt(v));

export function ZipfPlot({ points }: { points: [number, number][] }) {
  const box = useRef<HTMLDivElement>(null);
  const slope = useMemo(() => slopeOf(points), [points]);

  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const ranks = points.map(([r]) => r);
    const counts = points.map(([, c]) => c);
    const c1 = counts[0];
    const floor = Math.min(...counts) / 2;
    const ideal = ranks.map((r) => (c1 / r >= floor ? c1 / r : null));
    const axis = (label: string): uPlot.Axis => plotAxis(label, tickText);
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
      axes: [axis('rank'), { ...axis('count'), size: 60 }],
      series: [
        { label: 'rank', value: (_u, v) => (v == null ? '—' : fmtInt(v)) },
        { label: 'count', stroke: ACCENT, width: 2, points: { show: false }, value: (_u, v) => (v == null ? '—' : fmtInt(v)) },
        { label: 'ideal Zipf (c₁/rank)', stroke: REFERENCE, width: 1, dash: [6, 5], points: { show: false }, value: (_u, v) => (v == null ? '—' : fmtInt(v)) },
      ],
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, [ranks, counts, ideal] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points]);

  if (points.length === 0) return <p className="muted">No words, so no curve.</p>;
  return (
    <figure className="zipf">
      <div
        ref={box}
        className="zipf-plot"
        data-testid="zipf"
        role="img"
        aria-label={`Log–log plot of word count against frequency rank for ${fmtInt(points[points.length - 1][0])} types`}
      />
      <figcaption className="muted small">
        {slope != null && <>Fitted slope {slope.toFixed(2).replace('-', '−')} (Zipf's law predicts about −1). </>}
        Rank 1 is the most frequent word.
      </figcaption>
    </figure>
  );
}
