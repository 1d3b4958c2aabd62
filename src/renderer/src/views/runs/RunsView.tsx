/**
 * The Runs view: start a run, follow the live ones, browse the stored runs; #/runs/<id> opens
 * one, and #/runs/like-<id> fills the new-run form from run <id> ("New run like this").
 */
import { useCallback, useMemo, useState } from 'react';
import type { JobState, RunSummary } from '../../../../shared/contract.js';
import { navigate } from '../../route.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ListCard } from '../../components/ListCard.js';
import { useCorpusList } from '../corpora/useCorpora.js';
import { NewRun } from './NewRun.js';
import { RunCard } from './RunCard.js';
import { RunDetailPage } from './RunDetail.js';
import { RunList } from './RunList.js';
import { useMethods, useRunList } from './useRuns.js';
import { useTrainJobs } from './useTrainJobs.js';
import { ImportPanel } from '../vectors/ImportPanel.js';

const NO_RUNS = (
  <div className="empty" data-testid="runs-empty">
    <p>No runs yet — pick a corpus and a method above, then Start run.</p>
    <p className="muted">Each run stores its parameters, phase timings, spectrum, log and vectors.</p>
  </div>
);

/** Cancel asks the engine to stop a job; the job is marked cancelling until its state says so (or the call fails). */
function useCancelJob(setError: (message: string) => void) {
  const { client } = useLab();
  const [cancelling, setCancelling] = useState<Set<number>>(new Set());
  const cancel = (id: number): void => {
    setCancelling((s) => new Set(s).add(id));
    client.call('job.cancel', { id }).catch((e) => {
      setError(`Could not cancel: ${messageOf(e)}`);
      setCancelling((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    });
  };
  return { cancelling, cancel };
}

/** The run a #/runs/like-<id> address names, with a count that grows on each request (the same run asked again fills the form again). */
function useLikeRun(param: string | null, list: RunSummary[] | null) {
  const likeId = Number(/^like-(\d+)$/.exec(param ?? '')?.[1] ?? 0);
  const [asked, setAsked] = useState({ id: 0, seq: 0 });
  // A new address is a new request (set while rendering, as React allows for state that follows props).
  const seq = asked.id === likeId ? asked.seq : asked.seq + 1;
  if (asked.id !== likeId) setAsked({ id: likeId, seq });
  const run = list?.find((r) => r.id === likeId) ?? null;
  const like = useMemo(() => (run ? { run, seq } : null), [run, seq]);
  const ask = (r: RunSummary): void => {
    if (r.id === likeId) setAsked({ id: r.id, seq: seq + 1 });
    else navigate('runs', `like-${r.id}`);
  };
  return { like: likeId ? like : null, ask };
}

export function RunsView({ param }: { param: string | null }) {
  const selected = param && /^\d+$/.test(param) ? Number(param) || null : null;
  const [error, setError] = useState<string | null>(null);
  const { cancelling, cancel } = useCancelJob(setError);
  const { list, refresh } = useRunList(setError);
  const { list: corpora } = useCorpusList(setError);
  const { methods, error: methodsError } = useMethods();
  const { jobs, track, dismiss } = useTrainJobs(useCallback(() => void refresh(), [refresh]));
  const { like, ask } = useLikeRun(param, list);

  const labels = useMemo(() => new Map((methods ?? []).map((m) => [m.id, m.label])), [methods]);
  const methodLabel = useCallback((id: string) => labels.get(id) ?? id, [labels]);

  const onStarted = useCallback(
    (job: JobState) => {
      setError(null);
      track(job);
      void refresh();
      if (param?.startsWith('like-')) navigate('runs');
    },
    [track, refresh, param],
  );

  if (selected != null) {
    const job = jobs.find((j) => j.subject?.runId === selected) ?? null;
    return (
      <section className="page">
        {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
        <RunDetailPage
          id={selected}
          methods={methods}
          job={job}
          cancelling={job ? cancelling.has(job.id) : false}
          onCancel={cancel}
          onStarted={onStarted}
          onError={setError}
        />
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Runs</h1>
        <p className="muted">One method trained on one corpus, with every parameter stored. Runs train in the background; several can run at once.</p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <NewRun corpora={corpora} methods={methods} methodsError={methodsError} onStarted={onStarted} like={like} />
      {jobs.length > 0 && (
        <div className="jobs" aria-label="Training now">
          {jobs.map((j) => (
            <RunCard key={j.id} job={j} onCancel={cancel} onDismiss={dismiss} cancelling={cancelling.has(j.id)} />
          ))}
        </div>
      )}
      <ListCard titleId="runs-title" title="Stored runs" list={list} loading="Loading runs…" empty={NO_RUNS}>
        {(runs) => <RunList list={runs} methods={methods} methodLabel={methodLabel} onLike={ask} />}
      </ListCard>
      <ImportPanel />
    </section>
  );
}
