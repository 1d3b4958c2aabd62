/** The stored corpora, one row each; the name links to the corpus's detail. */
import type { CorpusSummary } from '../../../../shared/contract.js';
import { href, navigate } from '../../route.js';
import { fmtDate, fmtInt } from '../../format.js';
import { TableHead } from '../../components/TableHead.js';

const COLUMNS = ['Name', { label: 'Files', className: 'num' }, { label: 'Tokens', className: 'num' }, { label: 'Types', className: 'num' }, 'Added'];

export function CorpusTable({ list, selected }: { list: CorpusSummary[]; selected: number | null }) {
  return (
    <div className="table-wrap corpus-table-wrap">
      <table className="table corpus-table" data-testid="corpus-table">
        <TableHead columns={COLUMNS} />
        <tbody>
          {list.map((c) => (
            <tr
              key={c.id}
              className={c.id === selected ? 'selected' : undefined}
              aria-selected={c.id === selected}
              onClick={() => navigate('corpora', c.id)}
            >
              <td className="name-cell">
                <a href={href('corpora', c.id)} title={c.source}>
                  {c.name}
                </a>
                {c.synthetic && <span className="badge badge-quiet">synthetic</span>}
                {c.skippedCount > 0 && <span className="badge badge-warn" title="Files that were not read">{c.skippedCount} skipped</span>}
              </td>
              <td className="num">{fmtInt(c.files)}</td>
              <td className="num">{fmtInt(c.tokens)}</td>
              <td className="num">{fmtInt(c.types)}</td>
              <td className="nowrap">{fmtDate(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
