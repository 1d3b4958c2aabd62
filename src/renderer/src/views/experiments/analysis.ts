/**
 * What an experiment's table says, without React: a metric against a parameter, one line per
 * method (the best value at each x where other parameters vary too), the best configuration
 * per method, and how much each parameter matters: the spread (max − min) of the metric across
 * its values with the method's other parameters held at their best. Every metric here is
 * better when higher (accuracy, Spearman's ρ).
 */
import type { ExperimentRow, GridValue } from '../../../../shared/contract.js';

/** A row's place in the grid: its corpus (where the experiment has several) and its grid values. */
export type Coords = Record<string, GridValue>;

export const CORPUS = 'corpus';

export function coordsOf(row: ExperimentRow, manyCorpora: boolean): Coords {
  return manyCorpora ? { [CORPUS]: row.corpusName ?? `corpus ${row.corpusId ?? '?'}`, ...row.params } : { ...row.params };
}

/** A finished row's score, or null (not done, or the set was not scored). */
export function scoreOf(row: ExperimentRow, metric: string): number | null {
  const v = row.status === 'done' ? row.metrics[metric] : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The methods in the order their first row appears. */
export function methodsOf(rows: ExperimentRow[]): string[] {
  return [...new Set(rows.map((r) => r.method))];
}

export interface PlotData {
  /** x positions: the values themselves when they are all numbers, else 0, 1, 2… for `categories`. */
  xs: number[];
  categories: string[] | null;
  lines: { method: string; values: (number | null)[] }[];
  /** Other parameters that vary among the plotted rows of some method: each point is the best over them. */
  bestOver: string[];
  /** Methods with no scored row that has this parameter. */
  without: string[];
}

/** `param` against `metric`: per method and x, the highest score. */
export function plotData(rows: ExperimentRow[], param: string, metric: string, manyCorpora: boolean): PlotData {
  const byMethod = new Map<string, Map<string, { x: GridValue; y: number }>>();
  const seen = new Map<string, Coords[]>();
  for (const row of rows) {
    const y = scoreOf(row, metric);
    const c = coordsOf(row, manyCorpora);
    if (y === null || !(param in c)) continue;
    const points = byMethod.get(row.method) ?? new Map<string, { x: GridValue; y: number }>();
    byMethod.set(row.method, points);
    const k = String(c[param]);
    if (!points.has(k) || points.get(k)!.y < y) points.set(k, { x: c[param], y });
    seen.set(row.method, [...(seen.get(row.method) ?? []), c]);
  }
  const xValues = [...new Map([...byMethod.values()].flatMap((p) => [...p.values()].map((v) => [String(v.x), v.x] as const))).values()];
  const numeric = xValues.every((v) => typeof v === 'number');
  const ordered = numeric ? [...xValues].sort((a, b) => (a as number) - (b as number)) : xValues;
  const keys = ordered.map(String);
  const bestOver = new Set<string>();
  for (const coords of seen.values()) {
    for (const k of new Set(coords.flatMap((c) => Object.keys(c)))) {
      if (k !== param && new Set(coords.map((c) => String(c[k]))).size > 1) bestOver.add(k);
    }
  }
  return {
    xs: numeric ? (ordered as number[]) : ordered.map((_, i) => i),
    categories: numeric ? null : keys,
    lines: [...byMethod].map(([method, points]) => ({ method, values: keys.map((k) => points.get(k)?.y ?? null) })),
    bestOver: [...bestOver],
    without: methodsOf(rows).filter((m) => !byMethod.has(m)),
  };
}

export interface Best {
  method: string;
  row: ExperimentRow;
  score: number;
}

/** Per method, the row with the highest score (the first of equals, in grid order). */
export function bestPerMethod(rows: ExperimentRow[], metric: string): Best[] {
  const out: Best[] = [];
  for (const method of methodsOf(rows)) {
    let best: Best | null = null;
    for (const row of rows) {
      const s = row.method === method ? scoreOf(row, metric) : null;
      if (s !== null && (best === null || s > best.score)) best = { method, row, score: s };
    }
    if (best) out.push(best);
  }
  return out;
}

export interface Spread {
  method: string;
  param: string;
  /** The metric at each value of the parameter, the others at the best row's values. */
  points: { value: GridValue; score: number }[];
  /** max − min over the points; null where fewer than two of the parameter's values were scored with the others at their best. */
  spread: number | null;
}

/** For every method and every parameter it varies: the spread of the metric around the method's best row. */
export function parameterSpreads(rows: ExperimentRow[], metric: string, manyCorpora: boolean): Spread[] {
  const out: Spread[] = [];
  for (const best of bestPerMethod(rows, metric)) {
    const mine = rows.filter((r) => r.method === best.method && scoreOf(r, metric) !== null);
    const at = coordsOf(best.row, manyCorpora);
    for (const param of Object.keys(at)) {
      if (new Set(mine.map((r) => String(coordsOf(r, manyCorpora)[param]))).size < 2) continue;
      const held = mine.filter((r) => {
        const c = coordsOf(r, manyCorpora);
        return Object.keys(at).every((k) => k === param || String(c[k]) === String(at[k]));
      });
      const byValue = new Map<string, { value: GridValue; score: number }>();
      for (const r of held) {
        const value = coordsOf(r, manyCorpora)[param];
        const score = scoreOf(r, metric)!;
        const had = byValue.get(String(value));
        if (!had || had.score < score) byValue.set(String(value), { value, score });
      }
      const points = [...byValue.values()].sort((a, b) => (typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value))));
      const scores = points.map((p) => p.score);
      out.push({ method: best.method, param, points, spread: points.length >= 2 ? Math.max(...scores) - Math.min(...scores) : null });
    }
  }
  return out;
}
