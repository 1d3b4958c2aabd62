/**
 * Jobs shown in the Corpora view: every running job (from job.list and 'job'
 * events) and the finished ones this window started, until dismissed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';

export function useJobs(onFinished: (job: JobState) => void) {
  const { client, resync } = useLab();
  const jobs = useRef(new Map<number, JobState>());
  const mine = useRef(new Set<number>());
  const reported = useRef(new Set<number>());
  const [shown, setShown] = useState<number[]>([]);
  const [, setVersion] = useState(0);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  const reportIfFinished = (id: number): void => {
    const state = jobs.current.get(id);
    if (!state || state.status === 'running' || !mine.current.has(id) || reported.current.has(id)) return;
    reported.current.add(id);
    finishedRef.current(state);
  };

  const accept = useCallback((state: JobState) => {
    const prev = jobs.current.get(state.id);
    // A later state never goes back to 'running' (an ingest reply can arrive after its job's last event).
    if (prev && prev.status !== 'running' && state.status === 'running') return;
    jobs.current.set(state.id, state);
    setVersion((v) => v + 1);
    if (state.status === 'running' || mine.current.has(state.id)) {
      setShown((s) => (s.includes(state.id) ? s : [state.id, ...s]));
    }
    reportIfFinished(state.id);
  }, []);

  useEffect(() => client.on('job', accept), [client, accept]);

  useEffect(() => {
    // Jobs already running (started before this page loaded), and outcomes missed while reconnecting.
    client.call('job.list', {}).then(
      (list) => list.forEach((j) => (j.status === 'running' || mine.current.has(j.id)) && accept(j)),
      () => {},
    );
  }, [client, accept, resync]);

  /** Follows a job this window started. */
  const track = useCallback(
    (job: JobState) => {
      mine.current.add(job.id);
      accept(job);
      setShown((s) => (s.includes(job.id) ? s : [job.id, ...s]));
      reportIfFinished(job.id); // its last event may have come before the reply
    },
    [accept],
  );

  const dismiss = useCallback((id: number) => setShown((s) => s.filter((x) => x !== id)), []);

  const visible = shown.map((id) => jobs.current.get(id)).filter((j): j is JobState => !!j);
  return { jobs: visible, track, dismiss };
}
