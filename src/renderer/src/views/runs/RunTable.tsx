/**
 * The stored runs as a table: sortable by any column (the fixed ones and the metric, parameter
 * and score columns picked above it), a checkbox per row for Compare and export, and "New run
 * like this" per row. A row opens the run's page.
 */
import { useState, type ReactNode } from 'react';
import type { RunSummary } from '../../../../shared/contract.js';
import { href, navigate } from '../../route.js';
import { fmtDate, fmtInt, fmtSeconds } from '../../format.js';
import { StatusBadge } from './StatusBadge.js';
import { sortRuns, type Column } from './runColumns.js';

interface Props {
  list: RunSummary[];
  methodLabel: (id: string) => string;
  /** The fixed columns, then the extra ones chosen in the column picker. */
  base: Column[];
  extra: Column[];
  selected: Set<number>;
  onSelect: (next: Set<number>) => void;
  onLike: (run: RunSummary) => void;
}

export function RunTable({ list, methodLabel, base, extra, selected, onSelect, onLike }: Props) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'created', dir: -1 });
  const columns = [...base, ...extra];
  const rows = sortRuns(list, columns.find((c) => c.key === sort.key), sort.dir);
  const by = (c: Column): void => setSort((s) => (s.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: c.firstDir }));
  const toggle = (id: number, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const all = list.length > 0 && list.every((r) => selected.has(r.id));

  return (
    <div className="table-wrap run-table-wrap">
      <table className="table run-table" data-testid="run-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <SortHeader key={c.key} column={c} sort={sort} onSort={by}>
                {c.key === 'name' && (
                  <input
                    type="checkbox" className="row-check" aria-label="Select every run" checked={all}
                    ref={(el) => {
                      if (el) el.indeterminate = !all && selected.size > 0;
                    }}
                    onChange={(e) => onSelect(e.target.checked ? new Set(list.map((r) => r.id)) : new Set())}
                  />
                )}
              </SortHeader>
            ))}
            <th scope="col" className="run-actions-head"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-run={r.id} data-status={r.status} className={selected.has(r.id) ? 'selected' : undefined} onClick={() => navigate('runs', r.id)}>
              <td className="run-name-cell">
                <input
                  type="checkbox" className="row-check" aria-label={`Select ${r.name}`} checked={selected.has(r.id)}
                  onClick={(e) => e.stopPropagation()} onChange={(e) => toggle(r.id, e.target.checked)}
                />
                <a href={href('runs', r.id)} title={r.name}>{r.name}</a>
              </td>
              <td className="run-method-cell" title={methodLabel(r.method)}>{methodLabel(r.method)}</td>
              <td className="run-corpus-cell" title={r.corpusName ?? undefined}>{r.corpusName ?? <span className="muted">{r.method === 'imported' ? 'imported' : 'removed'}</span>}</td>
              <td><StatusBadge status={r.status} /></td>
              <td className="num">{r.dim == null ? '—' : fmtInt(r.dim)}</td>
              <td className="num">{r.vocab == null ? '—' : fmtInt(r.vocab)}</td>
              <td className="num nowrap">{r.seconds == null ? '—' : fmtSeconds(r.seconds)}</td>
              <td className="nowrap" data-column="created">{fmtDate(r.createdAt)}</td>
              {extra.map((c) => (
                <td key={c.key} className={c.num ? 'num nowrap' : 'nowrap'} data-column={c.key}>{c.text(r)}</td>
              ))}
              <td className="run-actions">
                <LikeButton run={r} onLike={onLike} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({ column: c, sort, onSort, children }: { column: Column; sort: { key: string; dir: 1 | -1 }; onSort: (c: Column) => void; children?: ReactNode }) {
  const active = sort.key === c.key;
  return (
    <th scope="col" className={c.num ? 'num' : undefined} aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} title={c.title} data-column={c.key}>
      <span className="sort-head">
        {children}
        <button type="button" className={`sort ${active ? 'sort-active' : ''}`} onClick={() => onSort(c)}>
          <span className="sort-label">{c.label}</span>
          <span className="sort-mark" aria-hidden="true">{active ? (sort.dir === 1 ? '▲' : '▼') : '↕'}</span>
        </button>
      </span>
    </th>
  );
}

/** "New run like this": the form filled in with the run's corpus, method and parameters (not for imported vectors). */
function LikeButton({ run, onLike }: { run: RunSummary; onLike: (run: RunSummary) => void }) {
  const imported = run.method === 'imported';
  return (
    <button
      type="button" className="btn btn-small btn-quiet like-btn" aria-label={`New run like this (${run.name})`} disabled={imported}
      title={imported ? 'Imported vectors have no corpus or method to train again' : `A new run with ${run.name}'s corpus, method and parameters`}
      onClick={(e) => {
        e.stopPropagation();
        onLike(run);
      }}
    >
      Like this
    </button>
  );
}
