/**
 * Experiments for the view: the list, one experiment's detail and the job running it, all live.
 * The list and the detail are fetched again on 'changed' (experiments or runs: a finished cell
 * is both) and after a reconnect; the detail also when its job enters a new phase (a cell starts
 * training or evaluating) and when the job ends. The job comes from 'job' events, this Lab's or
 * another process's (a CLI experiment), matched by the experiment it works on.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from '../useLatest.js';
import type { ExperimentDetail, ExperimentSummary, JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';

export function useExperimentList() {
  const { client, resync } = useLab();
  const { value, error, load } = useLatest<ExperimentSummary[]>(useCallback(() => client.call('experiment.list', {}), [client]));
  useEffect(() => {
    void load();
    return client.on('changed', (c) => c.what !== 'corpora' && void load());
  }, [client, load, resync]);
  return { list: value ?? (error ? [] : null), error, reload: load };
}

const ofExperiment = (j: JobState, id: number): boolean => j.kind === 'experiment' && j.subject?.experimentId === id;

/** The phase without its progress: "3/12 SGNS dim=5 · training". */
const phaseOf = (j: JobState): string => `${j.status}:${j.progress.phase}`;

/** The job running experiment `id` (here or elsewhere), its latest state; null when none ran since the page opened. */
export function useExperimentJob(id: number, onPhase: () => void) {
  const { client, resync } = useLab();
  const [job, setJob] = useState<JobState | null>(null);
  const phase = useRef('');
  const phaseRef = useRef(onPhase);
  phaseRef.current = onPhase;
  const accept = useCallback((j: JobState) => {
    if (!ofExperiment(j, id)) return;
    setJob((prev) => (prev && prev.id === j.id && prev.status !== 'running' && j.status === 'running' ? prev : j));
    if (phaseOf(j) !== phase.current) {
      phase.current = phaseOf(j);
      phaseRef.current();
    }
  }, [id]);
  useEffect(() => {
    setJob(null);
    phase.current = '';
    const off = client.on('job', accept);
    client.call('job.list', {}).then((list) => list.filter((j) => j.status === 'running').forEach(accept), () => {});
    return off;
  }, [client, accept, resync]);
  /** Follows a job this page started (resume, extend): its first state may come before any event. */
  return { job, track: accept };
}

export function useExperimentDetail(id: number) {
  const { client, resync } = useLab();
  const { value, error, load } = useLatest<ExperimentDetail>(useCallback(() => client.call('experiment.get', { id }), [client, id]));
  // While it is being removed, the 'changed' its removal sends must not ask for it again.
  const held = useRef(false);
  const reload = useCallback(() => void (held.current || load()), [load]);
  useEffect(() => {
    reload();
    return client.on('changed', (c) => c.what !== 'corpora' && reload());
  }, [client, reload, resync]);
  const { job, track } = useExperimentJob(id, reload);
  const hold = useCallback((on: boolean) => void (held.current = on), []);
  return { detail: value && value.id === id ? value : null, error, job, track, hold };
}
