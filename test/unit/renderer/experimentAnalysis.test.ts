/**
 * The experiment page's readings of its table, on rows whose scores are set by hand: the plot's
 * lines (the best score at each x where other parameters vary), the best configuration per method,
 * each parameter's spread with the others held at their best, and the table's sort, filter and
 * CSV of the rows shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExperimentDetail, ExperimentRow, GridValue } from '../../../src/shared/contract.js';
import { experimentColumns, experimentCsv } from '../../../src/shared/experimentTable.js';
import { bestPerMethod, parameterSpreads, plotData } from '../../../src/renderer/src/views/experiments/analysis.js';
import { columnValues, csvName, filterRows, sortRows } from '../../../src/renderer/src/views/experiments/tableRows.js';

let position = 0;
function row(method: string, params: Record<string, GridValue>, google: number | null, o: Partial<ExperimentRow> = {}): ExperimentRow {
  return {
    position: position++, corpusId: 1, corpusName: 'Topics', method, params, status: 'done', runId: 100 + position, seconds: 1, evalSeconds: 0.1,
    peakRssMB: 50, metrics: { google, ws353: google === null ? null : google / 2 }, runMetrics: {}, shared: null, error: null, ...o,
  };
}

// PPMI-SVD: eig × dim (eig 0 beats eig 1 at every d); SGNS: dim only; one SGNS cell still running.
const rows: ExperimentRow[] = [
  row('ppmi-svd', { eig: 0, dim: 5 }, 0.30),
  row('ppmi-svd', { eig: 0, dim: 10 }, 0.50),
  row('ppmi-svd', { eig: 1, dim: 5 }, 0.20),
  row('ppmi-svd', { eig: 1, dim: 10 }, 0.35),
  row('sgns', { dim: 5 }, 0.40),
  row('sgns', { dim: 10 }, 0.60),
  row('sgns', { dim: 20 }, 0.90, { status: 'running', runId: null }),
];

test('the plot: one line per method, the best score at each x, and what it was the best over', () => {
  const d = plotData(rows, 'dim', 'google', false);
  assert.deepEqual(d.xs, [5, 10]);
  assert.equal(d.categories, null);
  assert.deepEqual(d.lines, [{ method: 'ppmi-svd', values: [0.30, 0.50] }, { method: 'sgns', values: [0.40, 0.60] }], 'the running cell is not plotted');
  assert.deepEqual(d.bestOver, ['eig']);
  const byEig = plotData(rows, 'eig', 'google', false);
  assert.deepEqual(byEig.lines, [{ method: 'ppmi-svd', values: [0.50, 0.35] }]);
  assert.deepEqual(byEig.without, ['sgns']);
  const byCorpus = plotData(rows, 'corpus', 'google', true);
  assert.deepEqual(byCorpus.categories, ['Topics']);
  assert.deepEqual(byCorpus.xs, [0]);
});

test('the best configuration per method and how much each parameter matters around it', () => {
  const best = bestPerMethod(rows, 'google');
  assert.deepEqual(best.map((b) => [b.method, b.row.params, b.score]), [['ppmi-svd', { eig: 0, dim: 10 }, 0.50], ['sgns', { dim: 10 }, 0.60]]);
  const spreads = parameterSpreads(rows, 'google', false).map((s) => ({ ...s, spread: Number(s.spread!.toFixed(10)) }));
  assert.deepEqual(spreads, [
    // eig with d held at 10: 0.50 − 0.35; d with eig held at 0: 0.50 − 0.30.
    { method: 'ppmi-svd', param: 'eig', points: [{ value: 0, score: 0.50 }, { value: 1, score: 0.35 }], spread: 0.15 },
    { method: 'ppmi-svd', param: 'dim', points: [{ value: 5, score: 0.30 }, { value: 10, score: 0.50 }], spread: 0.2 },
    { method: 'sgns', param: 'dim', points: [{ value: 5, score: 0.40 }, { value: 10, score: 0.60 }], spread: 0.2 },
  ]);
  // A hole in the grid: eig 1 at d 10 failed, so eig's spread around the best has one point.
  const holed = rows.map((r) => (r.params.eig === 1 && r.params.dim === 10 ? { ...r, status: 'failed' as const } : r));
  assert.equal(parameterSpreads(holed, 'google', false).find((s) => s.param === 'eig')!.spread, null);
});

const detail = { paramColumns: ['eig', 'dim'], metricColumns: [{ key: 'google', label: 'google 3CosAdd', set: 'google', kind: 'analogy' as const, measure: 'accuracy' as const }], rows, spec: { corpora: [1] } } as unknown as ExperimentDetail;

test('the table sorts by a column with empty cells last either way, filters by words and by picked values', () => {
  const columns = experimentColumns(detail);
  const google = columns.find((c) => c.key === 'metric:google')!;
  const down = sortRows(rows, google, -1).map((r) => r.metrics.google);
  assert.deepEqual(down, [0.90, 0.60, 0.50, 0.40, 0.35, 0.30, 0.20]);
  const withEmpty = [...rows, row('sgns', { dim: 40 }, null, { status: 'pending', runId: null })];
  assert.equal(sortRows(withEmpty, google, 1).at(-1)!.status, 'pending');
  assert.equal(sortRows(withEmpty, google, -1).at(-1)!.status, 'pending');
  assert.deepEqual(filterRows(rows, columns, 'SGNS running', {}).map((r) => r.params.dim), [20]);
  assert.equal(filterRows(rows, columns, '', { 'param:eig': '1' }).length, 2);
  assert.equal(filterRows(rows, columns, 'sgns', { 'param:eig': '1' }).length, 0);
  assert.deepEqual(columnValues(rows, columns.find((c) => c.key === 'param:dim')!), ['5', '10', '20']);
});

test('the CSV of the rows shown: a header and one line per row; its name comes from the experiment', () => {
  const shown = filterRows(rows, experimentColumns(detail), 'ppmi', {});
  const lines = experimentCsv({ ...detail, rows: shown }).trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 4);
  assert.match(lines[0], /^#,method,eig,dim,google 3CosAdd,/);
  assert.equal(csvName({ id: 7, name: 'ppmi-svd + sgns on Topics (small)' }), 'experiment-7-ppmi-svd-+-sgns-on-Topics-small.csv');
  assert.equal(csvName({ id: 8, name: '///' }), 'experiment-8.csv');
});
