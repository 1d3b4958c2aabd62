/** The corpus's files, 100 to a page, with a filter by path. */
import { useMemo, useRef, useState } from 'react';
import type { CorpusFile } from '../../../../shared/contract.js';
import { fmtBytes, fmtInt } from '../../format.js';
import { TableHead } from '../../components/TableHead.js';

const PAGE = 100;
const COLUMNS = ['Path', { label: 'Size', className: 'num' }, { label: 'Tokens', className: 'num' }, 'Encoding'];

export function FileTable({ files }: { files: CorpusFile[] }) {
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? files.filter((x) => x.path.toLowerCase().includes(f)) : files;
  }, [files, filter]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = shown.slice(at * PAGE, (at + 1) * PAGE);
  const scroller = useRef<HTMLDivElement>(null);
  const turn = (to: number): void => {
    setPage(to);
    scroller.current?.scrollTo({ top: 0 });
  };

  return (
    <div className="file-table">
      {files.length > 10 && (
        <div className="table-tools">
          <label className="field inline">
            <span>Filter</span>
            <input type="search" value={filter} placeholder="part of a path" onChange={(e) => { setFilter(e.target.value); setPage(0); }} />
          </label>
          <span className="muted small">
            {shown.length === 0 ? 'no match' : `${fmtInt(at * PAGE + 1)}–${fmtInt(at * PAGE + rows.length)} of ${fmtInt(shown.length)}`}
          </span>
          {pages > 1 && (
            <span className="pager">
              <button type="button" className="btn btn-small" onClick={() => turn(at - 1)} disabled={at === 0}>
                Previous
              </button>
              <span className="small">Page {at + 1} of {pages}</span>
              <button type="button" className="btn btn-small" onClick={() => turn(at + 1)} disabled={at >= pages - 1}>
                Next
              </button>
            </span>
          )}
        </div>
      )}
      <div className="table-wrap" ref={scroller}>
        <table className="table" data-testid="file-table">
          <TableHead columns={COLUMNS} />
          <tbody>
            {rows.map((f) => (
              <tr key={f.path}>
                <td className="path-cell" title={f.path}>{f.path}</td>
                <td className="num nowrap">{fmtBytes(f.bytes)}</td>
                <td className="num">{fmtInt(f.tokens)}</td>
                <td>{f.encoding}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
