/** A run's stored evaluation (eval.get) and its evaluation job, live. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvalReport, JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { useLatest } from '../useLatest.js';

export function useEvalReport(runId: number) {
  const { client, resync } = useLab();
  const { value: report, error, load, reset } = useLatest<EvalReport>(useCallback(() => client.call('eval.get', { runId }), [client, runId]));

  useEffect(() => {
    reset();
    void load();
  }, [load, reset, resync]);

  return { report, error, reload: load };
}

/**
 * The newest evaluation job of a run: found with job.list when the page opens
 * (an evaluation started elsewhere keeps showing), then followed by 'job'
 * events. `onEnded` is told once when a job followed here stops.
 */
export function useEvalJob(runId: number, onEnded: (job: JobState) => void) {
  const { client, resync } = useLab();
  const [job, setJob] = useState<JobState | null>(null);
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;
  const reported = useRef(new Set<number>());

  const current = useRef<JobState | null>(null);

  const accept = useCallback(
    (state: JobState, fromList = false) => {
      if (state.kind !== 'eval' || state.subject?.runId !== runId) return;
      const prev = current.current;
      if (prev && state.id < prev.id) return; // an older job
      // A late reply never turns a finished job back to running.
      if (prev && prev.id === state.id && prev.status !== 'running' && state.status === 'running') return;
      // A job that had already ended before this page saw it running is not news.
      const followed = prev?.id === state.id;
      if (fromList && state.status !== 'running' && !followed) return;
      current.current = state;
      setJob(state);
      if (state.status !== 'running' && !reported.current.has(state.id)) {
        reported.current.add(state.id);
        endedRef.current(state);
      }
    },
    [runId],
  );

  useEffect(() => {
    current.current = null;
    setJob(null);
  }, [runId]);

  useEffect(() => client.on('job', (j) => accept(j)), [client, accept]);

  useEffect(() => {
    let live = true;
    client.call('job.list', {}).then(
      (list) => {
        if (!live) return;
        for (const j of list) accept(j, true);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, accept, resync]);

  /** Follows a job this page started (its first state comes from eval.start's reply). */
  const track = useCallback((state: JobState) => accept(state), [accept]);
  const dismiss = useCallback(() => {
    current.current = null;
    setJob(null);
  }, []);
  return { job, track, dismiss };
}
