/** RAND-WALK data: one synthetic corpus's theory checks, its recovery table (refetched when runs change), and the generation job. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallOutput, JobState, RandWalkInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

export type RecoveryRow = CallOutput<'randwalk.recoveryTable'>[number];

export function useRandWalkInfo(corpusId: number | null) {
  const { client, resync } = useLab();
  const [info, setInfo] = useState<RandWalkInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setInfo(null);
    setError(null);
    if (corpusId == null) return;
    let live = true;
    client.call('randwalk.get', { corpusId }).then(
      (i) => live && setInfo(i),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, corpusId, resync]);
  return { info: info && info.corpusId === corpusId ? info : null, error };
}

export function useRecoveryTable(corpusId: number | null) {
  const { client, resync } = useLab();
  const [rows, setRows] = useState<RecoveryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  const seq = useRef(0);

  const load = useCallback(async (): Promise<void> => {
    if (corpusId == null) return;
    const mine = ++seq.current;
    try {
      const next = await client.call('randwalk.recoveryTable', { corpusId });
      if (mine !== seq.current) return;
      setRows(next);
      setError(null);
      setLoadedFor(corpusId);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(messageOf(e));
      setLoadedFor(corpusId);
    }
  }, [client, corpusId]);

  useEffect(() => {
    setRows(null);
    setError(null);
    void load();
    return client.on('changed', (c) => c.what === 'runs' && void load());
  }, [client, load, resync]);

  return { rows: loadedFor === corpusId ? rows : null, error: loadedFor === corpusId ? error : null, reload: load };
}

/** The newest RAND-WALK generation job: adopted from job.list when the view opens, or the one started here. */
export function useGenerationJob() {
  const { client, resync } = useLab();
  const [job, setJob] = useState<JobState | null>(null);
  const [mine, setMine] = useState<Set<number>>(new Set());

  const accept = useCallback((next: JobState) => {
    if (next.kind !== 'randwalk') return;
    setJob((prev) => {
      if (prev && prev.id === next.id) return prev.status !== 'running' && next.status === 'running' ? prev : next;
      if (prev && prev.status === 'running' && prev.id > next.id) return prev;
      // Another generation: follow it if it is running (started elsewhere) or newer.
      return next.status === 'running' || !prev || next.id > prev.id ? next : prev;
    });
  }, []);

  useEffect(() => client.on('job', accept), [client, accept]);
  useEffect(() => {
    client.call('job.list', {}).then(
      (list) => list.filter((j) => j.kind === 'randwalk' && j.status === 'running').forEach(accept),
      () => {},
    );
  }, [client, accept, resync]);

  const track = useCallback(
    (j: JobState) => {
      setMine((s) => new Set(s).add(j.id));
      accept(j);
    },
    [accept],
  );
  const dismiss = useCallback(() => setJob(null), []);
  return { job, startedHere: job != null && mine.has(job.id), track, dismiss };
}
