/**
 * The RAND-WALK view (#/randwalk, #/randwalk/<corpus id>): generate synthetic
 * corpora from Arora et al.'s model, see the theory checks on each, and compare
 * how well trained runs recover the vectors that generated it.
 */
import { useEffect, useRef, useState } from 'react';
import type { CorpusSummary } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ListCard } from '../../components/ListCard.js';
import { fmtDate, fmtInt } from '../../format.js';
import { href, navigate } from '../../route.js';
import { useCorpusList } from '../corpora/useCorpora.js';
import { useMethods } from '../runs/useRuns.js';
import { GenerateForm } from './GenerateForm.js';
import { RecoveryPanel } from './RecoveryPanel.js';
import { TheoryPanel } from './TheoryPanel.js';
import { useGenerationJob, useRandWalkInfo, useRecoveryTable } from './useRandWalk.js';
import './randwalk.css';

const NO_SYNTHETIC = (
  <div className="empty" data-testid="rw-empty">
    <p>No synthetic corpus yet — set the parameters above and press Generate.</p>
    <p className="muted">A small one (n = 500, d = 20, T = 300,000) takes a second or two.</p>
  </div>
);

export function RandWalkView({ param }: { param: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const { list } = useCorpusList(setError);
  const { methods } = useMethods();
  const { job, startedHere, track, dismiss } = useGenerationJob();
  const synthetic = list?.filter((c) => c.synthetic) ?? null;
  const requested = param ? Number(param) || null : null;
  // Without a corpus in the address, the newest synthetic one.
  const selectedId = requested ?? (synthetic && synthetic.length ? synthetic[synthetic.length - 1].id : null);
  const selected = synthetic?.find((c) => c.id === selectedId) ?? null;

  // A generation started here opens its corpus when it is stored.
  const opened = useRef(new Set<number>());
  useEffect(() => {
    if (!job || !startedHere || job.status !== 'done' || opened.current.has(job.id)) return;
    opened.current.add(job.id);
    const result = resultOf(job, 'randwalk');
    if (result) navigate('randwalk', result.corpusId);
  }, [job, startedHere]);

  return (
    <section className="page rw-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">RAND-WALK</h1>
        <p className="muted">
          Synthetic corpora from Arora et al.'s generative model (2016): a discourse vector drifts slowly on the sphere and emits word w with probability ∝
          exp⟨c, v<sub>w</sub>⟩. The true vectors are kept, so the theory's predictions can be checked and every method's recovery measured.
        </p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      <GenerateForm job={job} onStarted={track} onDismiss={dismiss} onOpenCorpus={(id) => navigate('randwalk', id)} />

      <ListCard titleId="rw-list-title" title="Synthetic corpora" list={synthetic} loading="Loading corpora…" empty={NO_SYNTHETIC}>
        {(corpora) => <CorpusList list={corpora} selectedId={selectedId} />}
      </ListCard>

      {requested != null && synthetic != null && !selected && (
        <section className="card">
          <p className="text-danger" role="alert">
            Corpus #{requested} is not a synthetic corpus in this lab (it may have been removed). <a href={href('randwalk')}>Show the newest one</a>
          </p>
        </section>
      )}
      {selected && <CorpusChecks key={selected.id} corpus={selected} methods={methods} />}
    </section>
  );
}

function CorpusList({ list, selectedId }: { list: CorpusSummary[]; selectedId: number | null }) {
  return (
    <div className="table-wrap rw-list-wrap">
      <table className="table corpus-table" data-testid="rw-corpora">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Words</th>
            <th className="num">Tokens</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...list].reverse().map((c) => (
            <tr key={c.id} className={c.id === selectedId ? 'selected' : undefined} onClick={() => navigate('randwalk', c.id)} data-corpus={c.id}>
              <td>
                <div className="name-cell">
                  <a href={href('randwalk', c.id)} aria-current={c.id === selectedId ? 'true' : undefined}>
                    {c.name}
                  </a>
                </div>
              </td>
              <td className="num">{fmtInt(c.types)}</td>
              <td className="num">{fmtInt(c.tokens)}</td>
              <td className="nowrap">{fmtDate(c.createdAt)}</td>
              <td className="nowrap">
                <a href={href('corpora', c.id)} onClick={(e) => e.stopPropagation()} className="muted small">
                  Corpus page
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CorpusChecks({ corpus, methods }: { corpus: CorpusSummary; methods: ReturnType<typeof useMethods>['methods'] }) {
  const { info, error } = useRandWalkInfo(corpus.id);
  const recovery = useRecoveryTable(corpus.id);
  return (
    <section className="detail rw-detail" aria-labelledby="rw-corpus-title" data-testid="rw-detail" data-corpus={corpus.id}>
      <div className="detail-head">
        <div className="detail-title-block">
          <h2 id="rw-corpus-title">{corpus.name}</h2>
          <p className="muted small source" title={corpus.source}>
            corpus #{corpus.id} · {fmtInt(corpus.tokens)} tokens · created {fmtDate(corpus.createdAt)}
          </p>
        </div>
      </div>
      {error ? (
        <section className="card">
          <p className="text-danger" role="alert">
            Could not load the theory checks: {error}
          </p>
        </section>
      ) : !info ? (
        <section className="card">
          <p className="muted loading">Loading the theory checks…</p>
        </section>
      ) : (
        <>
          <TheoryPanel info={info} />
          <RecoveryPanel info={info} corpusName={corpus.name} rows={recovery.rows} error={recovery.error} methods={methods} />
        </>
      )}
    </section>
  );
}
