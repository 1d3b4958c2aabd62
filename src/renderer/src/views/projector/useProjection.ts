/**
 * Starts a projection (or a clustering) and follows it: ready at once (PCA, axes,
 * or an answer from memory) or a job whose progress arrives as 'job' events.
 * The last finished result stays on screen while the next one is computed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Clustering, JobState, Projection, ProjectionStarted } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import type { StartInput } from './spec.js';

interface Tracked<T> {
  result: T | null;
  job: JobState | null;
  /** True from the call until the result (or failure) is in. */
  busy: boolean;
  error: string | null;
  /** Set when the user cancelled a job that left nothing to show. */
  note: string | null;
}

function useTracked<T>(fetch: (id: string) => Promise<T>) {
  const { client } = useLab();
  const [state, setState] = useState<Tracked<T>>({ result: null, job: null, busy: false, error: null, note: null });
  const current = useRef<{ id: string | null; jobId: number | null; seq: number }>({ id: null, jobId: null, seq: 0 });
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const load = useCallback(async (id: string, seq: number, cancelled = false): Promise<void> => {
    try {
      const result = await fetchRef.current(id);
      if (current.current.seq !== seq) return;
      setState((s) => ({ ...s, result, job: null, busy: false, error: null, note: null }));
    } catch (e) {
      if (current.current.seq !== seq) return;
      setState((s) => ({ ...s, job: null, busy: false, error: cancelled ? null : messageOf(e), note: cancelled ? 'Cancelled: the previous result is still shown.' : null }));
    }
  }, []);

  const follow = useCallback(
    (started: ProjectionStarted, seq: number) => {
      current.current = { id: started.id, jobId: started.job?.id ?? null, seq };
      if (started.status === 'ready' || !started.job) {
        void load(started.id, seq);
        return;
      }
      setState((s) => ({ ...s, job: started.job, busy: true, error: null, note: null }));
      // A quick job can end before this answer arrived (its last event came first): ask once.
      client.call('job.list', {}).then(
        (jobs) => {
          const j = jobs.find((x) => x.id === started.job!.id);
          if (!j || j.status === 'running' || current.current.jobId !== j.id) return;
          current.current.jobId = null;
          if (j.status === 'done' || j.status === 'cancelled') void load(started.id, seq, j.status === 'cancelled');
          else setState((s) => ({ ...s, job: null, busy: false, error: j.error ?? 'The job failed.' }));
        },
        () => {},
      );
    },
    [client, load],
  );

  useEffect(
    () =>
      client.on('job', (job) => {
        const cur = current.current;
        if (job.id !== cur.jobId) return;
        if (job.status === 'running') {
          setState((s) => ({ ...s, job }));
          return;
        }
        cur.jobId = null;
        if (job.status === 'done') void load(cur.id!, cur.seq);
        else if (job.status === 'cancelled') void load(cur.id!, cur.seq, true); // a paused t-SNE has something to show
        else setState((s) => ({ ...s, job: null, busy: false, error: job.error ?? 'The job failed.' }));
      }),
    [client, load],
  );

  const begin = useCallback((): number => {
    const seq = current.current.seq + 1;
    current.current = { id: null, jobId: null, seq };
    setState((s) => ({ ...s, busy: true, error: null, note: null, job: null }));
    return seq;
  }, []);

  const fail = useCallback((seq: number, e: unknown) => {
    if (current.current.seq !== seq) return;
    setState((s) => ({ ...s, busy: false, error: messageOf(e) }));
  }, []);

  const cancel = useCallback(() => {
    const jobId = current.current.jobId;
    if (jobId != null) client.call('job.cancel', { id: jobId }).catch((e) => setState((s) => ({ ...s, error: messageOf(e) })));
  }, [client]);

  const clear = useCallback(() => {
    current.current = { id: null, jobId: null, seq: current.current.seq + 1 };
    setState({ result: null, job: null, busy: false, error: null, note: null });
  }, []);

  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null, note: null })), []);

  return { state, follow, begin, fail, cancel, clear, dismissError };
}

export function useProjection() {
  const { client } = useLab();
  const t = useTracked<Projection>((id) => client.call('projection.get', { id }));
  const { begin, follow, fail } = t;
  const start = useCallback(
    (input: StartInput, resume = false) => {
      const seq = begin();
      client.call('projection.start', resume ? ({ ...input, resume: true } as StartInput) : input).then((s) => follow(s, seq), (e) => fail(seq, e));
    },
    [client, begin, follow, fail],
  );
  return { ...t.state, projection: t.state.result, start, cancel: t.cancel, dismissError: t.dismissError };
}

export function useClustering() {
  const { client } = useLab();
  const t = useTracked<Clustering>((id) => client.call('cluster.get', { id }));
  const { begin, follow, fail } = t;
  const start = useCallback(
    (input: { runId: number; top: number; k: number; seed: number }) => {
      const seq = begin();
      client.call('vectors.cluster', input).then((s) => follow(s, seq), (e) => fail(seq, e));
    },
    [client, begin, follow, fail],
  );
  return { ...t.state, clustering: t.state.result, start, cancel: t.cancel, clear: t.clear, dismissError: t.dismissError };
}
