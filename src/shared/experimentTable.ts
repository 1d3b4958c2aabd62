/**
 * An experiment's table as columns: the cell's parameters, every metric, time, memory,
 * status and run, each with how to read it from a row. The CLI prints and writes CSV from
 * these; a view can sort, filter and export by the same columns. No Node, no DOM.
 */
import type { ExperimentDetail, ExperimentRow } from './types/experiments.js';

export interface TableColumn {
  key: string;
  label: string;
  /** A number sorts as a number; null is an empty cell. */
  value(row: ExperimentRow): string | number | null;
  /** Numbers: how many decimals to show (text only; CSV keeps every digit). */
  decimals?: number;
}

export function experimentColumns(detail: Pick<ExperimentDetail, 'paramColumns' | 'metricColumns' | 'rows' | 'spec'>): TableColumn[] {
  const manyCorpora = new Set(detail.rows.map((r) => r.corpusId)).size > 1 || detail.spec.corpora.length > 1;
  const columns: TableColumn[] = [{ key: 'position', label: '#', value: (r) => r.position + 1 }];
  if (manyCorpora) columns.push({ key: 'corpus', label: 'corpus', value: (r) => r.corpusName ?? (r.corpusId === null ? '(removed)' : String(r.corpusId)) });
  columns.push({ key: 'method', label: 'method', value: (r) => r.method });
  for (const p of detail.paramColumns) {
    columns.push({ key: `param:${p}`, label: p, value: (r) => (p in r.params ? (typeof r.params[p] === 'boolean' ? String(r.params[p]) : r.params[p] as string | number) : null) });
  }
  for (const m of detail.metricColumns) columns.push({ key: `metric:${m.key}`, label: m.label, value: (r) => r.metrics[m.key] ?? null, decimals: 4 });
  columns.push(
    { key: 'seconds', label: 'train s', value: (r) => r.seconds, decimals: 2 },
    { key: 'evalSeconds', label: 'eval s', value: (r) => r.evalSeconds, decimals: 2 },
    { key: 'peakRssMB', label: 'peak MB', value: (r) => r.peakRssMB, decimals: 0 },
    { key: 'status', label: 'status', value: (r) => r.status },
    { key: 'runId', label: 'run', value: (r) => r.runId },
    { key: 'shared', label: 'shared', value: (r) => r.shared },
  );
  return columns;
}

/** A value as text: numbers with the column's decimals, empty for null. */
export function cellText(column: TableColumn, row: ExperimentRow): string {
  const v = column.value(row);
  if (v === null) return '';
  if (typeof v === 'number' && column.decimals !== undefined) return v.toFixed(column.decimals);
  return String(v);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV, one line per cell, every digit kept; line ends are CRLF as RFC 4180 has them. */
export function experimentCsv(detail: Pick<ExperimentDetail, 'paramColumns' | 'metricColumns' | 'rows' | 'spec'>): string {
  const columns = [...experimentColumns(detail), { key: 'error', label: 'error', value: (r: ExperimentRow) => r.error }];
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const row of detail.rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
