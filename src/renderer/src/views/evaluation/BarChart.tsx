/**
 * A horizontal bar chart in SVG for per-section scores: one row per section,
 * one bar per series (3CosAdd, 3CosMul...), optional group headings (semantic,
 * syntactic), a labelled percentage axis with gridlines, and the value at the
 * end of every bar. `diverging` draws signed differences around a zero line
 * (B − A in percentage points), coloured by sign.
 */
import { useLayoutEffect, useRef, useState } from 'react';

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
const MUTED = '#9aa7b4';
const GRID = 'rgba(154, 167, 180, 0.16)';
const TEXT = '#e4eaf0';

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

export function BarChart({ rows, series, mode, groups, signColors, ariaLabel, testId, nullText = 'no questions in vocabulary' }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(720);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth || 720);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 720));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

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
  const fmt = mode === 'diverging' ? pp : pct;
  const tickText = (v: number): string => (mode === 'diverging' ? (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.round(Math.abs(100 * v))}`) : `${Math.round(100 * v)}%`);

  // Layout: group headings and rows, top to bottom.
  let y = AXIS_H;
  let group: string | undefined;
  const items: ({ kind: 'group'; y: number; name: string } | { kind: 'row'; y: number; row: BarRow })[] = [];
  for (const row of rows) {
    if (row.group && row.group !== group && groups) {
      group = row.group;
      items.push({ kind: 'group', y, name: row.group });
      y += GROUP_H;
    }
    items.push({ kind: 'row', y, row });
    y += rowH;
  }
  const height = y + 6;
  const zero = xOf(0);

  return (
    <div ref={box} className="bar-chart" data-testid={testId}>
      <svg width={width} height={height} role="img" aria-label={ariaLabel} viewBox={`0 0 ${width} ${height}`}>
        {/* Axis: ticks and gridlines. */}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={xOf(t)} x2={xOf(t)} y1={AXIS_H - 4} y2={height - 4} stroke={t === 0 && mode === 'diverging' ? MUTED : GRID} strokeWidth={1} />
            <text x={xOf(t)} y={AXIS_H - 9} fill={MUTED} fontSize={11} textAnchor="middle">
              {tickText(t)}
            </text>
          </g>
        ))}
        {mode === 'diverging' && (
          <text x={plotX + plotW + 20} y={AXIS_H - 9} fill={MUTED} fontSize={11}>
            pp
          </text>
        )}
        {items.map((item) =>
          item.kind === 'group' ? (
            <g key={`group-${item.name}`} data-group={item.name}>
              <text x={0} y={item.y + 17} fill={TEXT} fontSize={12} fontWeight={600}>
                {groups?.[item.name] ?? item.name}
              </text>
              <line x1={0} x2={width} y1={item.y + GROUP_H - 2} y2={item.y + GROUP_H - 2} stroke={GRID} />
            </g>
          ) : (
            <g key={item.row.key} data-section={item.row.key} className="bar-row">
              <title>{item.row.title ?? item.row.label}</title>
              <text x={groups ? 10 : 0} y={item.y + rowH / 2 + 4} fill={TEXT} fontSize={12.5}>
                {clip(item.row.label, groups ? labelW - 10 : labelW)}
              </text>
              {item.row.values.every((v) => v == null) ? (
                <text x={mode === 'diverging' ? zero + 6 : plotX + 4} y={item.y + rowH / 2 + 4} fill={MUTED} fontSize={11.5} fontStyle="italic">
                  {nullText}
                </text>
              ) : (
                item.row.values.map((v, s) => {
                  const by = item.y + ROW_PAD + s * (BAR + GAP);
                  if (v == null) {
                    return (
                      <text key={s} x={mode === 'diverging' ? zero + 6 : plotX + 4} y={by + BAR - 2} fill={MUTED} fontSize={10.5} fontStyle="italic">
                        {series[s].label}: —
                      </text>
                    );
                  }
                  const x0 = mode === 'diverging' ? Math.min(zero, xOf(v)) : plotX;
                  const x1 = mode === 'diverging' ? Math.max(zero, xOf(v)) : xOf(v);
                  const color = mode === 'diverging' && signColors ? signColors[v < 0 ? 0 : 1] : series[s].color;
                  const w = Math.max(v === 0 ? 0 : 1.5, x1 - x0);
                  return (
                    <g key={s} data-series={series[s].label} data-value={v}>
                      <rect x={x0} y={by} width={w} height={BAR} rx={2} fill={color} opacity={0.88}>
                        <title>{`${item.row.title ?? item.row.label} · ${series[s].label}: ${fmt(v)}`}</title>
                      </rect>
                      {/* Differences read from an aligned column; scores sit at the bar's end. */}
                      <text x={mode === 'diverging' ? plotX + plotW + 20 : x0 + w + 5} y={by + BAR - 2} fill={TEXT} fontSize={11} className="bar-value">
                        {fmt(v)}
                      </text>
                    </g>
                  );
                })
              )}
              {item.row.note && (
                <text x={width} y={item.y + rowH / 2 + 4} fill={MUTED} fontSize={11} textAnchor="end" className="bar-note">
                  {item.row.note}
                </text>
              )}
            </g>
          ),
        )}
      </svg>
    </div>
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
