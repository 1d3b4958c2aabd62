/**
 * The experiment's table: one row per cell with its parameters, every metric, time, memory,
 * status and run (the columns of shared/experimentTable.ts, as the CLI prints them; what a cell
 * reused is marked beside its run). Sorts by any column (aria-sort on its heading), filters by
 * text over the row and by a value per column, and exports what it shows as CSV (RFC 4180,
 * named after the experiment).
 */
import { useMemo, useState } from 'react';
import type { CellStatus, ExperimentDetail, ExperimentRow } from '../../../../shared/contract.js';
import { cellText, experimentColumns, experimentCsv, type TableColumn } from '../../../../shared/experimentTable.js';
import { fmtInt } from '../../format.js';
import { href } from '../../route.js';
import { downloadText } from '../projector/download.js';
import { columnValues, csvName, filterRows, firstDir, sortRows, type SortState } from './tableRows.js';

const CELL_STATUS: Record<CellStatus, { text: string; badge: string }> = {
  pending: { text: 'Pending', badge: 'badge-quiet' },
  running: { text: 'Training', badge: 'badge-running' },
  evaluating: { text: 'Evaluating', badge: 'badge-running' },
  done: { text: 'Done', badge: 'badge-done' },
  failed: { text: 'Failed', badge: 'badge-failed' },
  cancelled: { text: 'Cancelled', badge: 'badge-cancelled' },
  interrupted: { text: 'Interrupted', badge: 'badge-interrupted' },
};

/** Columns offered as value pickers: the ones with few distinct values that one filters by. */
const PICKABLE = (c: TableColumn): boolean => c.key === 'method' || c.key === 'corpus' || c.key === 'status' || c.key.startsWith('param:');

export function ResultsTable({ detail, methodLabel }: { detail: ExperimentDetail; methodLabel: (id: string) => string }) {
  // What a cell reused is told beside its run (the CSV keeps it as a column of its own).
  const columns = useMemo(() => experimentColumns(detail).filter((c) => c.key !== 'shared'), [detail]);
  const [sort, setSort] = useState<SortState>({ key: 'position', dir: 1 });
  const [text, setText] = useState('');
  const [picks, setPicks] = useState<Record<string, string>>({});
  const shown = useMemo(
    () => sortRows(filterRows(detail.rows, columns, text, picks), columns.find((c) => c.key === sort.key), sort.dir),
    [detail.rows, columns, text, picks, sort],
  );
  const filtered = shown.length !== detail.rows.length;
  const by = (c: TableColumn): void => setSort((s) => (s.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: firstDir(c) }));
  const numeric = useMemo(() => new Set(columns.filter((c) => isNumeric(detail.rows, c)).map((c) => c.key)), [columns, detail.rows]);
  const pickers = columns.filter(PICKABLE).filter((c) => columnValues(detail.rows, c).length > 1);

  return (
    <section className="card xp-results" aria-labelledby="xp-results-title">
      <div className="xp-card-head">
        <h2 id="xp-results-title">Results <span className="count">{fmtInt(detail.rows.length)}</span></h2>
        <button type="button" className="btn btn-small" onClick={() => downloadText(experimentCsv({ ...detail, rows: shown }), csvName(detail))} disabled={shown.length === 0}>
          Export CSV{filtered ? ` (${fmtInt(shown.length)} rows)` : ''}
        </button>
      </div>
      <div className="xp-filters" role="search" aria-label="Filter the results">
        <label className="field xp-filter-text">
          <span>Filter</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. sgns 100" aria-label="Filter rows" />
        </label>
        {pickers.map((c) => (
          <label key={c.key} className="field xp-picker">
            <span>{c.label}</span>
            <select value={picks[c.key] ?? ''} onChange={(e) => setPicks((p) => ({ ...p, [c.key]: e.target.value }))} aria-label={`Only rows whose ${c.label} is`}>
              <option value="">any</option>
              {columnValues(detail.rows, c).map((v) => <option key={v} value={v}>{c.key === 'method' ? methodLabel(v) : v}</option>)}
            </select>
          </label>
        ))}
        <span className="muted small xp-shown" data-testid="rows-shown">{filtered ? `${fmtInt(shown.length)} of ${fmtInt(detail.rows.length)} rows` : `${fmtInt(shown.length)} rows`}</span>
      </div>
      <div className="table-wrap xp-table-wrap">
        <table className="table xp-table" data-testid="results-table">
          <thead>
            <tr>{columns.map((c) => <SortHeader key={c.key} column={c} sort={sort} onSort={by} numeric={numeric.has(c.key)} />)}</tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.position} data-position={r.position} data-status={r.status}>
                {columns.map((c) => <Cell key={c.key} column={c} row={r} methodLabel={methodLabel} numeric={numeric.has(c.key)} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const isNumeric = (rows: ExperimentRow[], c: TableColumn): boolean => rows.some((r) => typeof c.value(r) === 'number') && rows.every((r) => typeof c.value(r) !== 'string');

function Cell({ column: c, row, methodLabel, numeric }: { column: TableColumn; row: ExperimentRow; methodLabel: (id: string) => string; numeric: boolean }) {
  if (c.key === 'status') {
    const s = CELL_STATUS[row.status];
    return <td><span className={`badge ${s.badge}`} title={row.error ?? undefined}>{row.status === 'running' || row.status === 'evaluating' ? <span className="badge-dot" aria-hidden="true" /> : null}{s.text}</span></td>;
  }
  if (c.key === 'runId') {
    return (
      <td className="num nowrap">
        {row.shared && <span className="xp-shared" title={`Reused: ${row.shared}`}><span aria-hidden="true">↺ </span><span className="visually-hidden">reused {row.shared}; </span></span>}
        {row.runId === null ? '—' : <a href={href('runs', row.runId)}>{row.runId}</a>}
      </td>
    );
  }
  if (c.key === 'method') return <td className="nowrap">{methodLabel(row.method)}</td>;
  if (c.key === 'corpus') return <td className="muted xp-text-cell" title={cellText(c, row) || undefined}>{cellText(c, row) || '—'}</td>;
  const v = c.value(row);
  return <td className={numeric ? 'num nowrap' : 'nowrap'} data-column={c.key}>{v === null ? <span className="muted">—</span> : cellText(c, row)}</td>;
}

function SortHeader({ column: c, sort, onSort, numeric }: { column: TableColumn; sort: SortState; onSort: (c: TableColumn) => void; numeric: boolean }) {
  const active = sort.key === c.key;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} data-column={c.key}>
      <button type="button" className={`sort ${active ? 'sort-active' : ''}`} onClick={() => onSort(c)}>
        <span className="sort-label">{c.label}</span>
        <span className="sort-mark" aria-hidden="true">{active ? (sort.dir === 1 ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}
