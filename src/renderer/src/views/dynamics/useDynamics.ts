/**
 * Dynamics data: the compute backends (probed once), M*'s spectrum for a corpus and
 * vocabulary, and the dynamics training job this view follows, with the samples its
 * progress events carry (step, excess loss, effective rank, overlap, modes learned).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, DynamicsBackendInfo, DynamicsSpectrum, JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import type { LiveSample } from './DynamicsCharts.js';

export function useBackends() {
  const { client, resync } = useLab();
  const [backends, setBackends] = useState<DynamicsBackendInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('dynamics.backends', {}).then(
      (b) => live && (setBackends(b), setError(null)),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, resync]);
  return { backends, error };
}

export type SpectrumArgs = CallInput<'dynamics.spectrum'>;

/** M*'s spectrum for `args` (null: none wanted); a late answer for older arguments is dropped. */
export function useSpectrum(args: SpectrumArgs | null) {
  const { client } = useLab();
  const key = args ? JSON.stringify(args) : null;
  const [state, setState] = useState<{ key: string | null; spectrum: DynamicsSpectrum | null; error: string | null }>({ key: null, spectrum: null, error: null });
  useEffect(() => {
    if (!key) return;
    let live = true;
    client.call('dynamics.spectrum', JSON.parse(key) as SpectrumArgs).then(
      (spectrum) => live && setState({ key, spectrum, error: null }),
      (e) => live && setState({ key, spectrum: null, error: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, key]);
  const current = state.key === key;
  return { spectrum: current ? state.spectrum : null, error: current ? state.error : null, loading: key != null && !current };
}

const NO_SAMPLES: LiveSample[] = [];

const isSample = (d: Record<string, number>): boolean =>
  ['step', 'excessLoss', 'effectiveRank'].every((k) => typeof d[k] === 'number' && Number.isFinite(d[k]));

/**
 * The newest dynamics training job: one started here, or one already running for a
 * dynamics run (`isDynamicsRun`) when the view opens. Samples are kept per job.
 */
export function useDynamicsJob(isDynamicsRun: (runId: number) => boolean) {
  const { client, resync } = useLab();
  const [job, setJob] = useState<JobState | null>(null);
  const mine = useRef(new Set<number>());
  const samples = useRef(new Map<number, LiveSample[]>());
  const [, setVersion] = useState(0);
  const known = useRef(isDynamicsRun);
  known.current = isDynamicsRun;

  const accept = useCallback((next: JobState) => {
    if (next.kind !== 'train') return;
    const runId = next.subject?.runId;
    if (!mine.current.has(next.id) && !(next.status === 'running' && runId != null && known.current(runId))) return;
    const p = next.progress;
    if (p.phase === 'steps' && isSample(p.detail)) {
      const list = samples.current.get(next.id) ?? [];
      const d = p.detail;
      if (!list.length || list[list.length - 1].step < d.step) {
        samples.current.set(next.id, [...list, { step: d.step, excessLoss: d.excessLoss, effectiveRank: d.effectiveRank, overlap: d.overlap ?? NaN, learned: d.learned ?? NaN }]);
        setVersion((v) => v + 1);
      }
    }
    setJob((prev) => {
      if (prev && prev.id === next.id) return prev.status !== 'running' && next.status === 'running' ? prev : next;
      if (prev && prev.status === 'running' && prev.id > next.id) return prev;
      return next;
    });
  }, []);

  useEffect(() => client.on('job', accept), [client, accept]);
  useEffect(() => {
    client.call('job.list', {}).then(
      (list) => list.filter((j) => j.status === 'running').forEach(accept),
      () => {},
    );
  }, [client, accept, resync]);

  const track = useCallback(
    (j: JobState) => {
      mine.current.add(j.id);
      accept(j);
    },
    [accept],
  );
  const dismiss = useCallback(() => setJob(null), []);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const cancel = useCallback(async (): Promise<string | null> => {
    if (!job) return null;
    setCancelling(job.id);
    try {
      await client.call('job.cancel', { id: job.id });
      return null;
    } catch (e) {
      setCancelling(null);
      return messageOf(e);
    }
  }, [client, job]);

  return {
    job,
    startedHere: job != null && mine.current.has(job.id),
    samples: (job && samples.current.get(job.id)) || NO_SAMPLES,
    track,
    dismiss,
    cancel,
    cancelling: job != null && cancelling === job.id && job.status === 'running',
  };
}
