/**
 * A horizontal bar chart in SVG for per-section scores: one row per section,
 * one bar per series (3CosAdd, 3CosMul...), optional group headings (semantic,
 * syntactic), a labelled percentage axis with gridlines, and the value at the
 * end of every bar. `diverging` draws signed differences around a zero line
 * (B − A in percentage points), coloured by sign.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface BarSeries {
  label: string;
  color: string;
}

export interface BarRow {
  key: string;
  label: string;
  /** Full name, shown on hover. */
  title?: string;
  /** One value per series; null when the section had no question in vocabulary. */
  values: (number | null)[];
  /** A short muted note at the row's right (e.g. "n = 506"). */
  note?: string;
  /** Rows with a group start under a heading when the group changes. */
  group?: string;
}

interface Props {
  rows: BarRow[];
  series: BarSeries[];
  /** 'unit': values in [0, 1] shown as %; 'diverging': signed differences of fractions, shown in pp. */
  mode: 'unit' | 'diverging';
  /** Headings for groups: a label and an optional summary text. */
  groups?: Record<string, string>;
  /** Colours by sign in diverging mode: [negative, positive]. */
  signColors?: [string, string];
  ariaLabel: string;
  testId?: string;
  nullText?: string;
}

const BAR = 12;
const GAP = 3;
const ROW_PAD = 9;
const GROUP_H = 26;
const AXIS_H = 22;
const NOTE_W = 64;
const DIFF_W = 150;
const VALUE_W = 58;
// The theme's chart colours (styles.css): SVG takes CSS variables, so the chart follows the theme switch.
const MUTED = 'var(--plot-axis)';
const GRID = 'var(--plot-grid)';
const TEXT = 'var(--plot-text)';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const pp = (v: number): string => {
  const x = 100 * v;
  if (Math.abs(x) < 0.05) return '0 pp';
  return `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} pp`;
};

/** A "nice" extent for the diverging axis: at least 5 pp, rounded up to 5, 10, 20, 25, 50 or 100 pp. */
function niceExtent(max: number): number {
  const steps = [0.05, 0.1, 0.2, 0.25, 0.5, 1];
  return steps.find((s) => max <= s) ?? 1;
}

type Item = { kind: 'group'; y: number; name: string } | { kind: 'row'; y: number; row: BarRow };

/** Where everything goes at this width: the label column, the plot's scale and ticks, the right-hand column, and each item's top. */
interface Layout {
  width: number;
  height: number;
  labelW: number;
  plotX: number;
  plotW: number;
  rowH: number;
  /** The zero line's x. */
  zero: number;
  xOf: (v: number) => number;
  fmt: (v: number) => string;
  ticks: number[];
  items: Item[];
}

function layOut({ rows, series, mode, groups }: Props, width: number): Layout {
  const labelW = Math.min(190, Math.max(110, Math.round(width * 0.24)));
  const plotX = labelW + 12;
  // Differences carry their value and the row's note together in one right-hand column.
  const rightW = mode === 'diverging' ? DIFF_W : VALUE_W + NOTE_W;
  const plotW = Math.max(120, width - plotX - rightW);
  const rowH = series.length * BAR + (series.length - 1) * GAP + 2 * ROW_PAD;

  const finite = rows.flatMap((r) => r.values.filter((v): v is number => v != null && Number.isFinite(v)));
  const extent = mode === 'diverging' ? niceExtent(Math.max(0, ...finite.map(Math.abs))) : 1;
  const lo = mode === 'diverging' ? -extent : 0;
  const xOf = (v: number): number => plotX + ((Math.max(lo, Math.min(extent, v)) - lo) / (extent - lo)) * plotW;
  const ticks = mode === 'diverging' ? [-extent, -extent / 2, 0, extent / 2, extent] : [0, 0.25, 0.5, 0.75, 1];

  // Group headings and rows, top to bottom.
  let y = AXIS_H;
  let group: string | undefined;
  const items: Item[] = [];
  for (const row of rows) {
    if (row.group && row.group !== group && groups) {
      group = row.group;
      items.push({ kind: 'group', y, name: row.group });
      y += GROUP_H;
    }
    items.push({ kind: 'row', y, row });
    y += rowH;
  }
  return { width, height: y + 6, labelW, plotX, plotW, rowH, zero: xOf(0), xOf, fmt: mode === 'diverging' ? pp : pct, ticks, items };
}

/** The width of the chart's box, followed as it resizes. */
function useBoxWidth(box: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(720);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth || 720);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 720));
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return width;
}

export function BarChart(props: Props) {
  const { mode, groups, ariaLabel, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useBoxWidth(box);
  const l = layOut(props, width);
  const tickText = (v: number): string => (mode === 'diverging' ? (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.round(Math.abs(100 * v))}`) : `${Math.round(100 * v)}%`);

  return (
    <div ref={box} className="bar-chart" data-testid={testId}>
      <svg width={width} height={l.height} role="img" aria-label={ariaLabel} viewBox={`0 0 ${width} ${l.height}`}>
        {/* Axis: ticks and gridlines. */}
        {l.ticks.map((t) => (
          <g key={t}>
            <line x1={l.xOf(t)} x2={l.xOf(t)} y1={AXIS_H - 4} y2={l.height - 4} stroke={t === 0 && mode === 'diverging' ? MUTED : GRID} strokeWidth={1} />
            <text x={l.xOf(t)} y={AXIS_H - 9} fill={MUTED} fontSize={11} textAnchor="middle">
              {tickText(t)}
            </text>
          </g>
        ))}
        {mode === 'diverging' && (
          <text x={l.plotX + l.plotW + 20} y={AXIS_H - 9} fill={MUTED} fontSize={11}>
            pp
          </text>
        )}
        {l.items.map((item) =>
          item.kind === 'group' ? (
            <g key={`group-${item.name}`} data-group={item.name}>
              <text x={0} y={item.y + 17} fill={TEXT} fontSize={12} fontWeight={600}>
                {groups?.[item.name] ?? item.name}
              </text>
              <line x1={0} x2={width} y1={item.y + GROUP_H - 2} y2={item.y + GROUP_H - 2} stroke={GRID} />
            </g>
          ) : (
            <Row key={item.row.key} row={item.row} y={item.y} props={props} l={l} />
          ),
        )}
      </svg>
    </div>
  );
}

/** One section: its label, a bar per series (or what is missing), and its note. */
function Row({ row, y, props, l }: { row: BarRow; y: number; props: Props; l: Layout }) {
  const { mode, groups, series, nullText = 'no questions in vocabulary' } = props;
  return (
    <g data-section={row.key} className="bar-row">
      <title>{row.title ?? row.label}</title>
      <text x={groups ? 10 : 0} y={y + l.rowH / 2 + 4} fill={TEXT} fontSize={12.5}>
        {clip(row.label, groups ? l.labelW - 10 : l.labelW)}
      </text>
      {row.values.every((v) => v == null) ? (
        <text x={mode === 'diverging' ? l.zero + 6 : l.plotX + 4} y={y + l.rowH / 2 + 4} fill={MUTED} fontSize={11.5} fontStyle="italic">
          {nullText}
        </text>
      ) : (
        row.values.map((v, s) => {
          const by = y + ROW_PAD + s * (BAR + GAP);
          if (v == null) {
            return (
              <text key={s} x={mode === 'diverging' ? l.zero + 6 : l.plotX + 4} y={by + BAR - 2} fill={MUTED} fontSize={10.5} fontStyle="italic">
                {series[s].label}: —
              </text>
            );
          }
          return <Bar key={s} row={row} s={s} v={v} by={by} props={props} l={l} />;
        })
      )}
      {row.note && (
        <text x={l.width} y={y + l.rowH / 2 + 4} fill={MUTED} fontSize={11} textAnchor="end" className="bar-note">
          {row.note}
        </text>
      )}
    </g>
  );
}

/** Series s's bar in a row, from zero (diverging) or the axis, with its value. */
function Bar({ row, s, v, by, props, l }: { row: BarRow; s: number; v: number; by: number; props: Props; l: Layout }) {
  const { mode, series, signColors } = props;
  const x0 = mode === 'diverging' ? Math.min(l.zero, l.xOf(v)) : l.plotX;
  const x1 = mode === 'diverging' ? Math.max(l.zero, l.xOf(v)) : l.xOf(v);
  const color = mode === 'diverging' && signColors ? signColors[v < 0 ? 0 : 1] : series[s].color;
  const w = Math.max(v === 0 ? 0 : 1.5, x1 - x0);
  return (
    <g data-series={series[s].label} data-value={v}>
      <rect x={x0} y={by} width={w} height={BAR} rx={2} fill={color} opacity={0.88}>
        <title>{`${row.title ?? row.label} · ${series[s].label}: ${l.fmt(v)}`}</title>
      </rect>
      {/* Differences read from an aligned column; scores sit at the bar's end. */}
      <text x={mode === 'diverging' ? l.plotX + l.plotW + 20 : x0 + w + 5} y={by + BAR - 2} fill={TEXT} fontSize={11} className="bar-value">
        {l.fmt(v)}
      </text>
    </g>
  );
}

/** Shortens a label to roughly fit `px` at 12.5 px type (the full name is in the row's title). */
function clip(label: string, px: number): string {
  const max = Math.floor(px / 6.6);
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

export function Legend({ series }: { series: BarSeries[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {series.map((s) => (
        <li key={s.label}>
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
