// Medians over repetitions and markdown tables.

export function median(xs: readonly number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Median of a numeric field over repetitions; null when no repetition has it. */
export function medianOf<T>(reps: readonly T[], pick: (r: T) => number | null | undefined): number | null {
  const xs = reps.map(pick).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return xs.length ? median(xs) : null;
}

export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

export function fmtInt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Math.round(x).toLocaleString('en-US');
}

export function fmtPct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return (100 * x).toFixed(digits) + '%';
}

export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 2): string {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return (a / b).toFixed(digits) + '×';
}

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

export function markdown(t: Table): string {
  const cell = (c: string): string => c.replace(/\|/g, '\\|'); // a | inside a cell would split it
  const head = `| ${t.columns.map(cell).join(' | ')} |`;
  const sep = `|${t.columns.map((c, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  const body = t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [`### ${t.title}`, '', head, sep, ...body].join('\n');
}
