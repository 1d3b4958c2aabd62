/** The Corpora view: add a corpus, follow its ingest, browse what is stored. */
import { useCallback, useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { useLab } from '../../lab.js';
import { navigate } from '../../route.js';
import { messageOf } from '../../api/errors.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ListCard } from '../../components/ListCard.js';
import { AddCorpus } from './AddCorpus.js';
import { CorpusTable } from './CorpusTable.js';
import { CorpusDetailView } from './CorpusDetail.js';
import { JobCard } from './JobCard.js';
import { useCorpusList } from './useCorpora.js';
import { useJobs } from './useJobs.js';

const NO_CORPORA = (
  <div className="empty" data-testid="empty">
    <p>No corpora yet.</p>
    <p className="muted">Drop a folder of .txt or .md files above, or choose one, to make the first.</p>
  </div>
);

export function CorporaView({ selected }: { selected: number | null }) {
  const { client } = useLab();
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Set<number>>(new Set());
  const { list, refresh } = useCorpusList(setError);

  const onFinished = useCallback(
    (job: JobState) => {
      if (job.status !== 'done') return;
      void refresh();
      const id = (resultOf(job, 'ingest') ?? resultOf(job, 'randwalk'))?.corpusId;
      if (typeof id === 'number') navigate('corpora', id);
    },
    [refresh],
  );
  const { jobs, track, dismiss } = useJobs(onFinished);

  const onStarted = useCallback((job: JobState) => {
    setError(null);
    track(job);
  }, [track]);

  const cancel = (id: number): void => {
    setCancelling((s) => new Set(s).add(id));
    client.call('job.cancel', { id }).catch((e) => setError(`Could not cancel: ${messageOf(e)}`));
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Corpora</h1>
        <p className="muted">Folders of text, tokenized once and stored in the lab file. Every run trains on one of them.</p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <AddCorpus onStarted={onStarted} onError={setError} />
      {jobs.length > 0 && (
        <div className="jobs">
          {jobs.map((j) => (
            <JobCard key={j.id} job={j} onCancel={cancel} onDismiss={dismiss} cancelling={cancelling.has(j.id)} />
          ))}
        </div>
      )}
      <ListCard titleId="stored-title" title="Stored corpora" list={list} loading="Loading corpora…" empty={NO_CORPORA}>
        {(corpora) => <CorpusTable list={corpora} selected={selected} />}
      </ListCard>
      {selected != null && (
        <CorpusDetailView id={selected} onRemoved={() => { void refresh(); navigate('corpora'); }} onError={setError} />
      )}
    </section>
  );
}
