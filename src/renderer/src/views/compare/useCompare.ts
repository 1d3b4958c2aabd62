/** The compared pair (from the address, else the two newest finished runs) and their report, refreshed as settings and evaluations change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompareReport, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { navigate } from '../../route.js';
import { messageOf } from '../../api/errors.js';

function parsePair(param: string | null): [number, number] | null {
  const m = /^(\d+)-(\d+)$/.exec(param ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The pair comes from the address; without one, the two newest finished runs (older as A). */
export function useComparePair(param: string | null, runs: RunSummary[] | null, byId: Map<number, RunSummary>) {
  const pair = parsePair(param);
  const fallback: [number, number] | null = runs && runs.length >= 2 ? [runs[1].id, runs[0].id] : null;
  const [idA, idB] = pair && byId.has(pair[0]) && byId.has(pair[1]) ? pair : (fallback ?? [0, 0]);
  const runA = byId.get(idA) ?? null;
  const runB = byId.get(idB) ?? null;
  const setPair = (a: number, b: number): void => navigate('compare', `${a}-${b}`);
  return { idA, idB, runA, runB, setPair };
}

export type ComparePair = ReturnType<typeof useComparePair>;

export function useCompareReport(idA: number, idB: number) {
  const { client } = useLab();
  const [k, setK] = useState(10);
  const [probes, setProbes] = useState(1000);
  const [report, setReport] = useState<CompareReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [compareError, setCompareError] = useState<string | null>(null);
  const [word, setWord] = useState('');
  const seq = useRef(0);

  const load = useCallback(async (): Promise<void> => {
    if (!idA || !idB || idA === idB) return;
    const mine = ++seq.current;
    setLoading(true);
    setCompareError(null);
    try {
      const r = await client.call('run.compare', { a: idA, b: idB, k, probes });
      if (mine !== seq.current) return;
      setReport(r);
    } catch (e) {
      if (mine !== seq.current) return;
      setReport(null);
      setCompareError(messageOf(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [client, idA, idB, k, probes]);

  useEffect(() => {
    void load();
  }, [load]);

  // A finished evaluation of either run refreshes the benchmark columns.
  useEffect(
    () => client.on('job', (j) => j.kind === 'eval' && j.status === 'done' && (j.subject?.runId === idA || j.subject?.runId === idB) && void load()),
    [client, idA, idB, load],
  );

  // The first changed word is a good first query.
  useEffect(() => {
    if (report && report.a.id === idA && report.b.id === idB && !word && report.changedMost.length) setWord(report.changedMost[0].word);
  }, [report, idA, idB, word]);

  /** The report of the pair on screen (none while another pair's is all there is). */
  const current = report && report.a.id === idA && report.b.id === idB ? report : null;
  return { k, setK, probes, setProbes, current, loading, compareError, word, setWord };
}

export type CompareReportState = ReturnType<typeof useCompareReport>;
