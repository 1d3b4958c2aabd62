/**
 * The run table's columns: the fixed ones (name, method, corpus, status, d, vocabulary, time,
 * created) and those the runs themselves offer: every metric a run recorded, every training
 * parameter, and every benchmark score an evaluation stored. Each column knows how to show a
 * run's value and what to sort it by.
 */
import type { RunSummary } from '../../../../shared/contract.js';
import { fmtDate, fmtInt, fmtSeconds } from '../../format.js';
import { fmtMetric, fmtParam, metricLabel } from './runText.js';
import type { RunScores } from './useRunScores.js';

export type SortValue = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** A longer name for the column picker and the header's title. */
  title?: string;
  group: 'run' | 'metric' | 'param' | 'score';
  num?: boolean;
  /** The first click sorts this way: numbers and times largest first, text A to Z. */
  firstDir: 1 | -1;
  value: (r: RunSummary) => SortValue;
  text: (r: RunSummary) => string;
}

const dash = (v: number | null, f: (n: number) => string): string => (v == null ? '—' : f(v));

/** The columns every table has, in order; Name is drawn by the table itself (checkbox and link). */
export function baseColumns(methodLabel: (id: string) => string): Column[] {
  const col = (key: string, label: string, value: Column['value'], text: Column['text'], num = false): Column => ({ key, label, group: 'run', num, firstDir: num ? -1 : 1, value, text });
  return [
    col('name', 'Name', (r) => r.name.toLowerCase(), (r) => r.name),
    col('method', 'Method', (r) => methodLabel(r.method).toLowerCase(), (r) => methodLabel(r.method)),
    col('corpus', 'Corpus', (r) => r.corpusName?.toLowerCase() ?? null, (r) => r.corpusName ?? ''),
    col('status', 'Status', (r) => r.status, (r) => r.status),
    { ...col('dim', 'Dim', (r) => r.dim, (r) => dash(r.dim, fmtInt), true), title: 'Dimensions (d)' },
    { ...col('vocab', 'Vocab', (r) => r.vocab, (r) => dash(r.vocab, fmtInt), true), title: 'Vocabulary (words with vectors)' },
    { ...col('seconds', 'Time', (r) => r.seconds, (r) => dash(r.seconds, fmtSeconds), true), title: 'Training time' },
    // Ids grow with creation time.
    { ...col('created', 'Created', (r) => r.id, (r) => fmtDate(r.createdAt)), firstDir: -1 },
  ];
}

const numberOrText = (v: unknown): SortValue => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : v == null ? null : String(v).toLowerCase());

/** The metric, parameter and score columns the runs offer (parameters named by their option labels where known). */
export function extraColumns(runs: RunSummary[], paramLabel: (key: string) => string, scores: RunScores): Column[] {
  const metricKeys = new Set<string>();
  const paramKeys = new Set<string>();
  for (const r of runs) {
    Object.keys(r.metrics).forEach((k) => metricKeys.add(k));
    // d is a column of its own.
    Object.keys(r.params).forEach((k) => k !== 'dim' && paramKeys.add(k));
  }
  const metrics: Column[] = [...metricKeys].sort().map((k) => ({
    key: `metric:${k}`, label: metricLabel(k), group: 'metric', num: true, firstDir: -1,
    value: (r) => r.metrics[k] ?? null,
    text: (r) => (r.metrics[k] == null ? '—' : fmtMetric(k, r.metrics[k])),
  }));
  const params: Column[] = [...paramKeys].sort().map((k) => ({
    key: `param:${k}`, label: paramLabel(k), title: `${paramLabel(k)} (${k})`, group: 'param',
    num: runs.some((r) => typeof r.params[k] === 'number'), firstDir: -1,
    value: (r) => numberOrText(r.params[k]),
    text: (r) => (r.params[k] === undefined ? '—' : fmtParam(r.params[k])),
  }));
  const score: Column[] = scores.columns.map((c) => ({
    key: `score:${c.key}`, label: c.label, title: c.title, group: 'score', num: true, firstDir: -1,
    value: (r) => scores.byRun.get(r.id)?.[c.key] ?? null,
    text: (r) => {
      const v = scores.byRun.get(r.id)?.[c.key];
      return v == null ? '—' : c.percent ? `${(100 * v).toFixed(1)}%` : v.toFixed(3);
    },
  }));
  return [...metrics, ...params, ...score];
}

/** Rows in the column's order; empty values last either way, ties newest first. */
export function sortRuns(runs: RunSummary[], column: Column | undefined, dir: 1 | -1): RunSummary[] {
  if (!column) return [...runs].sort((a, b) => b.id - a.id);
  return [...runs].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return b.id - a.id;
    if (x == null) return 1;
    if (y == null) return -1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1; // numbers before words in a mixed column
    return (x < y ? -1 : 1) * dir;
  });
}
