/**
 * A run's other recorded series as line charts: the training loss and speed of
 * SGNS, CBOW and GloVe, the singular values of W after each epoch, and any
 * series this view does not know yet (by index, or as [x, y] pairs).
 */
import { useMemo } from 'react';
import type { RunDetail } from '../../../../shared/contract.js';
import { LinePlot, type Line } from './LinePlot.js';
import { fmtNumber } from './runText.js';

/** Series the spectrum card shows. */
const SPECTRUM_KEYS = new Set(['spectrum', 'eigenvalues', 'ritzValues']);
const ACCENT = '--plot-series';

interface Curve {
  key: string;
  title: string;
  caption?: string;
  x: number[];
  lines: Line[];
  xLabel: string;
  yLabel: string;
  logY: boolean;
}

const humanize = (key: string): string => {
  const s = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return s[0].toUpperCase() + s.slice(1);
};

const isPairs = (v: unknown[]): v is [number, number][] =>
  v.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number'));
const isNumbers = (v: unknown[]): v is number[] => v.every((n) => typeof n === 'number');
const isRows = (v: unknown[]): v is number[][] => v.every((p) => Array.isArray(p) && p.length > 2 && p.every((n) => typeof n === 'number'));

/** Epoch colours from violet (first) to green (last). */
const ramp = (i: number, n: number): string => {
  const t = n > 1 ? i / (n - 1) : 1;
  return `hsl(${Math.round(262 - 122 * t)}, 62%, ${Math.round(62 + 6 * t)}%)`;
};

function curvesOf(run: RunDetail): Curve[] {
  const out: Curve[] = [];
  for (const [key, raw] of Object.entries(run.series)) {
    if (SPECTRUM_KEYS.has(key) || !Array.isArray(raw) || raw.length === 0) continue;
    const data = raw as unknown[];
    if (key === 'spectrumByEpoch' && isRows(data)) {
      const d = Math.min(...data.map((r) => r.length - 1));
      const positive = data.every((r) => r.slice(1, d + 1).every((v) => v > 0));
      out.push({
        key, title: 'Singular values of W after each epoch', xLabel: 'index', yLabel: 'singular value', logY: positive,
        x: Array.from({ length: d }, (_v, i) => i + 1),
        lines: data.map((r, i) => ({ label: `epoch ${r[0]}`, values: r.slice(1, d + 1), color: ramp(i, data.length) })),
        caption: 'Largest first, one line per epoch. Directions with large singular values are learned first; the tail fills in later.',
      });
      continue;
    }
    const pairs = isPairs(data) ? data : isNumbers(data) ? data.map((v, i): [number, number] => [i + 1, v]) : null;
    if (!pairs) continue;
    const known = KNOWN[key]?.(run) ?? { title: humanize(key), xLabel: isPairs(data) ? 'x' : 'index', yLabel: humanize(key).toLowerCase() };
    const ys = pairs.map((p) => p[1]);
    const last = ys[ys.length - 1];
    out.push({
      key, ...known, logY: false, x: pairs.map((p) => p[0]),
      lines: [{ label: known.yLabel, values: ys, color: ACCENT }],
      caption: known.caption ?? `Last value ${fmtNumber(last)}.`,
    });
  }
  return out;
}

type Known = { title: string; xLabel: string; yLabel: string; caption?: string };
const KNOWN: Record<string, (run: RunDetail) => Known> = {
  loss: (run) =>
    run.method === 'glove'
      ? { title: 'Training cost', xLabel: 'iteration', yLabel: 'cost per entry' }
      : { title: 'Training loss', xLabel: 'words processed', yLabel: 'loss' },
  wordsPerSec: () => ({ title: 'Training speed', xLabel: 'seconds', yLabel: 'words/s' }),
  pairsPerSec: () => ({ title: 'Training speed', xLabel: 'seconds', yLabel: 'pairs/s' }),
};

export function useCurves(run: RunDetail): Curve[] {
  return useMemo(() => curvesOf(run), [run]);
}

export function CurveCard({ curve: c }: { curve: Curve }) {
  const titleId = `curve-${c.key}-title`;
  return (
    <section className="card" aria-labelledby={titleId} data-curve={c.key}>
      <h3 id={titleId}>{c.title}</h3>
      <figure className="plot-figure">
        <LinePlot x={c.x} lines={c.lines} xLabel={c.xLabel} yLabel={c.yLabel} logY={c.logY} ariaLabel={`${c.title}: ${c.yLabel} against ${c.xLabel}`} testId="curve" />
        {c.caption && <figcaption className="muted small">{c.caption}</figcaption>}
      </figure>
    </section>
  );
}
