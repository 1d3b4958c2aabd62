/**
 * The results table's rows as shown: filtered by a text (every word typed must appear in the
 * row's cells) and by per-column picks (a cell's text equal to the value picked), then sorted
 * by one column. Columns are shared/experimentTable.ts's, as the CLI prints and the CSV has them.
 */
import type { ExperimentDetail, ExperimentRow } from '../../../../shared/contract.js';
import { cellText, type TableColumn } from '../../../../shared/experimentTable.js';

export interface SortState {
  key: string;
  dir: 1 | -1;
}

/** Numbers as numbers, text as text; empty cells last whichever the direction. */
export function sortRows(rows: ExperimentRow[], column: TableColumn | undefined, dir: 1 | -1): ExperimentRow[] {
  if (!column) return rows;
  const keyed = rows.map((row, i) => ({ row, i, v: column.value(row) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), undefined, { numeric: true });
    return c === 0 ? a.i - b.i : c * dir;
  });
  return keyed.map((k) => k.row);
}

/** Rows whose cells hold every word of `text` (any case), and whose picked columns hold the picked values. */
export function filterRows(rows: ExperimentRow[], columns: TableColumn[], text: string, picks: Record<string, string>): ExperimentRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const picked = Object.entries(picks).filter(([, v]) => v !== '');
  return rows.filter((row) => {
    for (const [key, v] of picked) {
      const column = columns.find((c) => c.key === key);
      if (column && cellText(column, row) !== v) return false;
    }
    if (words.length === 0) return true;
    const hay = columns.map((c) => cellText(c, row)).join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The distinct texts of a column, in sorted order (numbers by value): a picker's choices. */
export function columnValues(rows: ExperimentRow[], column: TableColumn): string[] {
  const values = new Map<string, string | number>();
  for (const row of rows) {
    const v = column.value(row);
    if (v !== null) values.set(cellText(column, row), v);
  }
  return [...values].sort((a, b) => (typeof a[1] === 'number' && typeof b[1] === 'number' ? a[1] - b[1] : a[0].localeCompare(b[0]))).map(([t]) => t);
}

/** The first direction of a column: scores and sizes best-first, names and positions in order. */
export function firstDir(column: TableColumn): 1 | -1 {
  return column.key.startsWith('metric:') ? -1 : 1;
}

/** A file name from the experiment's name: letters, digits, dots, dashes. */
export function csvName(detail: Pick<ExperimentDetail, 'id' | 'name'>): string {
  const stem = detail.name.normalize('NFKD').replace(/[^A-Za-z0-9.+-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `experiment-${detail.id}${stem ? `-${stem}` : ''}.csv`;
}
