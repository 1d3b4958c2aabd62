/**
 * Training jobs for the Runs view: every running one (from job.list and 'job'
 * events) and, once they end, the ones this view saw running or started, until
 * dismissed. `onFinished` is told once per job that ends while shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';

/**
 * Within one phase (same name, total and unit) the count never goes back: the
 * SVD and eigen phases re-announce themselves at 0 before every step's count.
 */
function monotonic(prev: JobState | undefined, next: JobState): JobState {
  const a = prev?.progress;
  const b = next.progress;
  if (!a || prev.status !== 'running' || a.phase !== b.phase || a.total !== b.total || a.unit !== b.unit || b.done >= a.done) return next;
  return { ...next, progress: { ...b, done: a.done } };
}

export function useTrainJobs(onFinished: (job: JobState) => void) {
  const { client, resync } = useLab();
  const jobs = useRef(new Map<number, JobState>());
  const reported = useRef(new Set<number>());
  const [shown, setShown] = useState<number[]>([]);
  const [, setVersion] = useState(0);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  const show = useCallback((id: number) => setShown((s) => (s.includes(id) ? s : [id, ...s])), []);

  const accept = useCallback(
    (state: JobState, mine = false) => {
      if (state.kind !== 'train') return;
      const prev = jobs.current.get(state.id);
      // A later state never goes back to 'running' (run.start's reply can arrive after the job's last event).
      if (!(prev && prev.status !== 'running' && state.status === 'running')) jobs.current.set(state.id, monotonic(prev, state));
      setVersion((v) => v + 1);
      const current = jobs.current.get(state.id)!;
      if (current.status === 'running' || mine || prev) show(state.id);
      if (current.status !== 'running' && (mine || prev) && !reported.current.has(state.id)) {
        reported.current.add(state.id);
        finishedRef.current(current);
      }
    },
    [show],
  );

  useEffect(() => client.on('job', (j) => accept(j)), [client, accept]);

  useEffect(() => {
    // Jobs already running when the view opened, and outcomes missed while reconnecting.
    client.call('job.list', {}).then(
      (list) => list.forEach((j) => (j.status === 'running' || jobs.current.has(j.id)) && accept(j)),
      () => {},
    );
  }, [client, accept, resync]);

  /** Follows a job this view started. */
  const track = useCallback((job: JobState) => accept(job, true), [accept]);
  const dismiss = useCallback((id: number) => setShown((s) => s.filter((x) => x !== id)), []);

  const visible = shown.map((id) => jobs.current.get(id)).filter((j): j is JobState => !!j);
  return { jobs: visible, track, dismiss };
}
