/** The stored runs, sortable by any column; a row opens the run's page. */
import { useState } from 'react';
import type { RunSummary } from '../../../../shared/contract.js';
import { href, navigate } from '../../route.js';
import { fmtDate, fmtInt, fmtSeconds } from '../../format.js';
import { StatusBadge } from './StatusBadge.js';

type Key = 'name' | 'corpus' | 'method' | 'dim' | 'vocab' | 'status' | 'seconds' | 'created';

const COLUMNS: { key: Key; label: string; num?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'corpus', label: 'Corpus' },
  { key: 'method', label: 'Method' },
  { key: 'dim', label: 'Dim', num: true },
  { key: 'vocab', label: 'Vocab', num: true },
  { key: 'status', label: 'Status' },
  { key: 'seconds', label: 'Time', num: true },
  { key: 'created', label: 'Created' },
];

function sortValue(r: RunSummary, key: Key, methodLabel: (id: string) => string): string | number | null {
  switch (key) {
    case 'name': return r.name.toLowerCase();
    case 'corpus': return r.corpusName?.toLowerCase() ?? null;
    case 'method': return methodLabel(r.method).toLowerCase();
    case 'dim': return r.dim;
    case 'vocab': return r.vocab;
    case 'status': return r.status;
    case 'seconds': return r.seconds;
    case 'created': return r.id; // ids grow with creation time
  }
}

interface Props {
  list: RunSummary[];
  methodLabel: (id: string) => string;
}

export function RunTable({ list, methodLabel }: Props) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'created', dir: -1 });
  const rows = [...list].sort((a, b) => {
    const x = sortValue(a, sort.key, methodLabel);
    const y = sortValue(b, sort.key, methodLabel);
    if (x === y) return b.id - a.id;
    if (x == null) return 1; // empty values last in either direction
    if (y == null) return -1;
    return (x < y ? -1 : 1) * sort.dir;
  });
  const by = (key: Key): void =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === 'created' || key === 'seconds' || key === 'dim' || key === 'vocab' ? -1 : 1 }));

  return (
    <div className="table-wrap run-table-wrap">
      <table className="table run-table" data-testid="run-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" className={c.num ? 'num' : undefined} aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className={`sort ${active ? 'sort-active' : ''}`} onClick={() => by(c.key)}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">{active ? (sort.dir === 1 ? '▲' : '▼') : '↕'}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-run={r.id} data-status={r.status} onClick={() => navigate('runs', r.id)}>
              <td className="run-name-cell">
                <a href={href('runs', r.id)} title={r.name}>{r.name}</a>
              </td>
              <td>{r.corpusName ?? <span className="muted">{r.method === 'imported' ? 'imported' : 'removed'}</span>}</td>
              <td className="nowrap">{methodLabel(r.method)}</td>
              <td className="num">{r.dim == null ? '—' : fmtInt(r.dim)}</td>
              <td className="num">{r.vocab == null ? '—' : fmtInt(r.vocab)}</td>
              <td><StatusBadge status={r.status} /></td>
              <td className="num nowrap">{r.seconds == null ? '—' : fmtSeconds(r.seconds)}</td>
              <td className="nowrap">{fmtDate(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
