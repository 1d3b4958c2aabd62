/**
 * The benchmark scores of the finished runs, for the run table's score columns: each run's
 * stored evaluation (eval.get), fetched once per run and again when an evaluation of it ends.
 * Analogy sets give an accuracy per method (3CosAdd, 3CosMul), similarity sets a Spearman ρ.
 */
import { useEffect, useMemo, useState } from 'react';
import type { EvalReport, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { methodLabel, setLabel } from '../evaluation/evalText.js';

export interface ScoreColumn {
  key: string;
  label: string;
  title: string;
  percent: boolean;
}

export interface RunScores {
  columns: ScoreColumn[];
  byRun: Map<number, Record<string, number>>;
}

/** A shipped set's name ("WordSim353"), or a user's file by its file name. */
const setName = (set: string): string => setLabel(set).split(/[\\/]/).pop() ?? set;

/** One run's scores by column key ("analogy:google:add", "similarity:ws353"). */
export function scoresOf(report: EvalReport): { values: Record<string, number>; columns: ScoreColumn[] } {
  const values: Record<string, number> = {};
  const columns: ScoreColumn[] = [];
  for (const [set, byMethod] of Object.entries(report.analogy)) {
    for (const s of [byMethod.add, byMethod.mul]) {
      if (!s) continue;
      const key = `analogy:${set}:${s.method}`;
      values[key] = s.accuracy;
      columns.push({ key, label: `${setName(set)} ${methodLabel(s.method)}`, title: `${setName(set)} analogies, ${methodLabel(s.method)} accuracy`, percent: true });
    }
  }
  for (const [set, s] of Object.entries(report.similarity)) {
    if (s.spearman == null) continue;
    const key = `similarity:${set}`;
    values[key] = s.spearman;
    columns.push({ key, label: `${setName(set)} ρ`, title: `${setName(set)}: Spearman ρ with human judgements`, percent: false });
  }
  return { values, columns };
}

export function useRunScores(runs: RunSummary[] | null): RunScores {
  const { client, resync } = useLab();
  const [reports, setReports] = useState<Map<number, EvalReport>>(new Map());
  const [stale, setStale] = useState(0);
  const doneKey = (runs ?? []).filter((r) => r.status === 'done').map((r) => r.id).join(',');
  const done = useMemo(() => (doneKey ? doneKey.split(',').map(Number) : []), [doneKey]);

  // Reports for finished runs not fetched yet (all of them after a reconnect or an evaluation).
  useEffect(() => {
    let live = true;
    const missing = done.filter((id) => !reports.has(id));
    if (missing.length === 0) return;
    void Promise.all(missing.map((runId) => client.call('eval.get', { runId }).then((r) => [runId, r] as const, () => null))).then((got) => {
      if (!live) return;
      setReports((m) => {
        const next = new Map(m);
        for (const g of got) if (g) next.set(g[0], g[1]);
        return next;
      });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, done, stale]);

  useEffect(() => {
    setReports(new Map());
    setStale((n) => n + 1);
  }, [resync]);
  useEffect(
    () => client.on('job', (j) => {
      if (j.kind !== 'eval' || j.status !== 'done' || j.subject?.runId == null) return;
      const id = j.subject.runId;
      setReports((m) => {
        const next = new Map(m);
        next.delete(id);
        return next;
      });
      setStale((n) => n + 1);
    }),
    [client],
  );

  return useMemo(() => {
    const byRun = new Map<number, Record<string, number>>();
    const columns = new Map<string, ScoreColumn>();
    const shown = new Set(done);
    for (const [id, report] of reports) {
      if (!shown.has(id)) continue; // removed since
      const s = scoresOf(report);
      byRun.set(id, s.values);
      for (const c of s.columns) columns.set(c.key, c);
    }
    return { columns: [...columns.values()].sort((a, b) => a.key.localeCompare(b.key)), byRun };
  }, [reports, done]);
}
