/**
 * "Which method recovers the generative truth": one row per finished run on the
 * synthetic corpus (Procrustes-aligned cosine, Gram correlation, planted
 * analogies against chance and the truth's own score), and a shortcut that
 * trains a run on this corpus directly.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { JobState, MethodInfo, RandWalkInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { href } from '../../route.js';
import { fmtInt } from '../../format.js';
import { JobProgress } from '../vectors/JobProgress.js';
import { useJob } from '../vectors/useJob.js';
import { fix, pct } from './numbers.js';
import type { RecoveryRow } from './useRandWalk.js';

/** Methods the shortcut offers first (the rest follow in the engine's order). */
const PREFERRED = ['ppmi-svd', 'sgns', 'rw-sn', 'mstar', 'glove'];

interface Props {
  info: RandWalkInfo;
  corpusName: string;
  rows: RecoveryRow[] | null;
  error: string | null;
  methods: MethodInfo[] | null;
}

function Meter({ value }: { value: number | null }) {
  const w = value == null || !Number.isFinite(value) ? 0 : Math.max(0, Math.min(1, value));
  return (
    <span className="rw-meter" aria-hidden="true">
      <span style={{ width: `${w * 100}%` }} />
    </span>
  );
}

export function RecoveryPanel({ info, corpusName, rows, error, methods }: Props) {
  return (
    <section className="card rw-recovery" aria-labelledby="rw-recovery-title" data-testid="recovery">
      <h3 id="rw-recovery-title">
        Recovery of the true vectors{rows && rows.length > 0 ? <span className="count">{rows.length}</span> : null}
      </h3>
      <p className="muted small rw-recovery-intro">
        Each finished run on this corpus against the vectors that generated it: cosine after the best rotation (orthogonal Procrustes), the correlation of
        the Gram matrices ⟨v, v′⟩ estimated against true, and 3CosAdd accuracy on the planted analogies.
      </p>
      {error ? (
        <p className="text-danger" role="alert">
          Could not compute the recovery table: {error}
        </p>
      ) : rows == null ? (
        <p className="muted loading">Comparing the runs with the truth…</p>
      ) : rows.length === 0 ? (
        <div className="empty" data-testid="recovery-empty">
          <p>No finished run on this corpus yet. Train one below (or in the Runs view) to see how well it recovers the truth.</p>
        </div>
      ) : (
        <RecoveryTable rows={rows} methods={methods} planted={info.params.planted > 0} />
      )}
      <TrainShortcut info={info} corpusName={corpusName} methods={methods} />
    </section>
  );
}

function RecoveryTable({ rows, methods, planted }: { rows: RecoveryRow[]; methods: MethodInfo[] | null; planted: boolean }) {
  const labels = useMemo(() => new Map((methods ?? []).map((m) => [m.id, m.label])), [methods]);
  return (
    <div className="table-wrap">
      <table className="table rw-table" data-testid="recovery-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Method</th>
            <th className="num">d</th>
            <th className="num">Words</th>
            <th className="num" title="Mean cosine between each true vector and the run's vector after the best orthogonal alignment">
              Aligned cosine
            </th>
            <th className="num" title="Pearson correlation of ⟨v, v′⟩ (run) with ⟨v, v′⟩ (truth) over pairs of the most frequent words">
              Gram r
            </th>
            <th className="num">Planted analogies</th>
            <th className="num" title="The true vectors' own accuracy on the same questions">
              Truth's ceiling
            </th>
            <th className="num" title="A uniform guess among the allowed answers">
              Chance
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.runId} data-run={r.runId}>
              <td className="rw-run-cell">
                <a href={href('runs', r.runId)} title={r.name}>
                  {r.name}
                </a>
              </td>
              <td className="nowrap">{labels.get(r.method) ?? r.method}</td>
              <td className="num">{fmtInt(r.dim)}</td>
              <td className="num" title={`${fmtInt(r.alignedWords)} aligned, ${fmtInt(r.gramWords)} in the Gram comparison`}>
                {fmtInt(r.sharedWords)}
              </td>
              <MeterCell col="cosine" value={r.alignedCosine} />
              <MeterCell col="gram" value={r.gramCorrelation} />
              <AnalogyCells analogy={r.analogy} planted={planted} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A figure from 0 to 1 with its bar. */
function MeterCell({ col, value }: { col: string; value: number | null }) {
  return (
    <td className="num" data-col={col}>
      <span className="rw-cell-meter">
        <Meter value={value} />
        {fix(value, 3)}
      </span>
    </td>
  );
}

/** Planted-analogy accuracy (or why there is none), the truth's own accuracy, and chance. */
function AnalogyCells({ analogy: a, planted }: { analogy: RecoveryRow['analogy']; planted: boolean }) {
  return (
    <>
      <td className="num" data-col="analogy">
        {a.accuracy == null ? (
          <span className="muted">{planted ? 'none answerable' : 'none planted'}</span>
        ) : (
          <span className="rw-cell-meter" title={`${fmtInt(a.correct)} of ${fmtInt(a.answered)} questions over ${fmtInt(a.relations)} relations`}>
            <Meter value={a.accuracy} />
            {pct(a.accuracy)} <span className="muted small">({fmtInt(a.correct)}/{fmtInt(a.answered)})</span>
          </span>
        )}
      </td>
      <td className="num" data-col="ceiling">
        {pct(a.truthAccuracy)}
      </td>
      <td className="num muted" data-col="chance">
        {a.accuracy == null ? '—' : pct(a.chance)}
      </td>
    </>
  );
}

function TrainShortcut({ info, corpusName, methods }: { info: RandWalkInfo; corpusName: string; methods: MethodInfo[] | null }) {
  const { client } = useLab();
  const ordered = useMemo(() => {
    const list = methods ?? [];
    return [...PREFERRED.map((id) => list.find((m) => m.id === id)).filter((m): m is MethodInfo => !!m), ...list.filter((m) => !PREFERRED.includes(m.id))];
  }, [methods]);
  const [method, setMethod] = useState('ppmi-svd');
  const [dim, setDim] = useState(String(info.params.dim));
  const [started, setStarted] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(started);
  const chosen = ordered.find((m) => m.id === method) ?? ordered[0] ?? null;

  const start = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!chosen) return;
    setError(null);
    const d = Number(dim);
    if (!Number.isInteger(d) || d < 1) return setError('Dimensions must be a whole number of at least 1.');
    setBusy(true);
    try {
      setStarted(await client.call('run.start', { corpusId: info.corpusId, method: chosen.id, params: { dim: d } }));
    } catch (err) {
      setError(`Could not start the run: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const running = job?.status === 'running';
  const runId = started?.subject?.runId ?? null;
  return (
    <form className="rw-train" onSubmit={(e) => void start(e)} aria-label="Train a run on this corpus">
      <div className="rw-train-row">
        <span className="rw-train-title">Train a run</span>
        <label className="field inline">
          <span>Method</span>
          <select value={chosen?.id ?? ''} onChange={(e) => setMethod(e.target.value)} disabled={running || !methods}>
            {ordered.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline rw-train-dim">
          <span>d</span>
          <input type="number" min={1} max={2000} step={1} value={dim} onChange={(e) => setDim(e.target.value)} disabled={running} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || running || !chosen}>
          {running ? 'Training…' : 'Start'}
        </button>
        <span className="muted small rw-train-note">
          on {corpusName} with the method's defaults, or set every option in <a href={href('runs')}>Runs</a>.
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {job && running && <JobProgress job={job} label="Training" onError={setError} />}
      {job?.status === 'failed' && (
        <p className="text-danger" role="alert">
          {job.error ?? 'The run failed.'}
        </p>
      )}
      {job?.status === 'cancelled' && <p className="muted">Cancelled; no vectors were stored.</p>}
      {job?.status === 'done' && runId != null && (
        <p className="muted small">
          Run #{runId} finished; it is in the table above. <a href={href('runs', runId)}>Open run #{runId} →</a>
        </p>
      )}
    </form>
  );
}
