/**
 * Starts a projection (or a clustering) and follows it: ready at once (PCA, axes,
 * or an answer from memory) or a job whose progress arrives as 'job' events.
 * The last finished result stays on screen while the next one is computed.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
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

const IDLE = { result: null, job: null, busy: false, error: null, note: null };

/** Which answer the hook waits for: a newer start (a higher seq) makes older replies stale. */
interface Current {
  id: string | null;
  jobId: number | null;
  seq: number;
}

type SetTracked<T> = Dispatch<SetStateAction<Tracked<T>>>;
type Load = (id: string, seq: number, cancelled?: boolean) => Promise<void>;

function useTracked<T>(fetch: (id: string) => Promise<T>) {
  const { client } = useLab();
  const [state, setState] = useState<Tracked<T>>(IDLE);
  const current = useRef<Current>({ id: null, jobId: null, seq: 0 });
  const load = useLoad(fetch, current, setState);
  const follow = useFollow(current, load, setState);
  useJobEvents(current, load, setState);

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
    setState(IDLE);
  }, []);

  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null, note: null })), []);

  return { state, follow, begin, fail, cancel, clear, dismissError };
}

/** Fetches a finished result (or, after a cancel, whatever the job left) unless a newer start came since. */
function useLoad<T>(fetch: (id: string) => Promise<T>, current: MutableRefObject<Current>, setState: SetTracked<T>): Load {
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  return useCallback(async (id: string, seq: number, cancelled = false): Promise<void> => {
    try {
      const result = await fetchRef.current(id);
      if (current.current.seq !== seq) return;
      setState((s) => ({ ...s, result, job: null, busy: false, error: null, note: null }));
    } catch (e) {
      if (current.current.seq !== seq) return;
      setState((s) => ({ ...s, job: null, busy: false, error: cancelled ? null : messageOf(e), note: cancelled ? 'Cancelled: the previous result is still shown.' : null }));
    }
  }, [current, setState]);
}

/** Takes a start's answer: a ready result is loaded, a job is followed. */
function useFollow<T>(current: MutableRefObject<Current>, load: Load, setState: SetTracked<T>) {
  const { client } = useLab();
  return useCallback(
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
    [client, current, load, setState],
  );
}

/** The followed job's events: progress, then its result, or its failure. */
function useJobEvents<T>(current: MutableRefObject<Current>, load: Load, setState: SetTracked<T>): void {
  const { client } = useLab();
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
    [client, current, load, setState],
  );
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
