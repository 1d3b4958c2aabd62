/** The corpus's earlier dynamics runs, newest first; a row reopens its charts (#/dynamics/<run id>). */
import type { RunSummary } from '../../../../shared/contract.js';
import { ListCard } from '../../components/ListCard.js';
import { fmtDate, fmtInt } from '../../format.js';
import { href, navigate } from '../../route.js';
import { RUN_STATUS_TEXT } from '../runs/runText.js';
import { backendOfSummary, fmtValue } from './dynamicsData.js';

interface Props {
  runs: RunSummary[] | null;
  selectedId: number | null;
}

const NO_RUNS = (
  <div className="empty" data-testid="dyn-runs-empty">
    <p>No dynamics run on this corpus yet — set the options above and press Run.</p>
  </div>
);

export function DynamicsRuns({ runs, selectedId }: Props) {
  return (
    <ListCard titleId="dyn-runs-title" title="Dynamics runs on this corpus" list={runs} loading="Loading runs…" empty={NO_RUNS}>
      {(list) => <RunsTable runs={list} selectedId={selectedId} />}
    </ListCard>
  );
}

function RunsTable({ runs, selectedId }: { runs: RunSummary[]; selectedId: number | null }) {
  return (
    <div className="table-wrap dyn-runs-wrap">
      <table className="table corpus-table" data-testid="dyn-runs">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Model</th>
            <th className="num">V</th>
            <th className="num">d</th>
            <th>Backend</th>
            <th className="num">Overlap</th>
            <th className="num">ms/step</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {[...runs].reverse().map((r) => (
            <tr key={r.id} data-run={r.id} className={r.id === selectedId ? 'selected' : undefined} onClick={() => navigate('dynamics', r.id)}>
              <td className="dyn-run-name">
                <div className="name-cell">
                  <a href={href('dynamics', r.id)} aria-current={r.id === selectedId ? 'true' : undefined} title={r.name}>
                    {r.name}
                  </a>
                </div>
              </td>
              <td>
                <span className={`badge badge-${r.status}`}>{RUN_STATUS_TEXT[r.status]}</span>
              </td>
              <td>{String(r.params.model ?? '')}</td>
              <td className="num">{r.vocab != null ? fmtInt(r.vocab) : '—'}</td>
              <td className="num">{r.dim != null ? fmtInt(r.dim) : '—'}</td>
              <td>{backendOfSummary(r)?.id ?? (r.status === 'running' ? '…' : '—')}</td>
              <td className="num">{r.metrics.overlap != null ? r.metrics.overlap.toFixed(3) : '—'}</td>
              <td className="num">{r.metrics.msPerStep != null ? fmtValue(r.metrics.msPerStep) : '—'}</td>
              <td className="nowrap">{fmtDate(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
