/**
 * A job's progress as every view shows it, from one source: the JobProgress the
 * engine reports (done, total, unit, eta). The bar's width and the percent in the
 * text beside it are the same number (percentOf), so they cannot disagree; the ETA
 * is the engine's estimate for the phase, counted down between its reports.
 */
import { useEffect, useRef, useState } from 'react';
import type { JobProgress, JobState } from '../../../shared/contract.js';
import { fmtBytes, fmtInt } from '../format.js';

/**
 * Whole percent done, rounded down and kept within 0–100; null when there is no total to measure against.
 * 100·done is divided by total, not done/total multiplied by 100: 6,264,000 of 21,600,000 is 29%, and
 * 0.29 (not exact in binary) times 100 gives 28.999… and so 28.
 */
export function percentOf(done: number, total: number): number | null {
  if (!(total > 0) || !Number.isFinite(done)) return null;
  return Math.max(0, Math.min(100, Math.floor((100 * done) / total)));
}

export interface ProgressFigures {
  /** The bar's width and the text's percent; null for a phase without a total (an indeterminate bar). */
  percent: number | null;
  /** "1,234 / 5,000 rows" (bytes as kB/MB); null without a total. */
  counts: string | null;
  /** Seconds left in this phase: the engine's estimate less the time since it was made; null when unknown. */
  eta: number | null;
}

export function progressFigures(p: JobProgress, secondsSinceReport = 0): ProgressFigures {
  const percent = percentOf(p.done, p.total);
  const done = Math.min(p.done, p.total);
  const counts = percent == null ? null : p.unit === 'bytes' ? `${fmtBytes(done)} / ${fmtBytes(p.total)}` : `${fmtInt(done)} / ${fmtInt(p.total)} ${p.unit}`.trim();
  const eta = p.eta == null || percent == null ? null : Math.max(0, p.eta - Math.max(0, secondsSinceReport));
  return { percent, counts, eta };
}

/**
 * Seconds since this job's latest state arrived, moving every second while it runs, so that
 * elapsed time and ETA keep moving between reports (a phase may report seldom).
 */
export function useSecondsSinceReport(job: JobState): number {
  const arrived = useRef({ job, at: performance.now() });
  if (arrived.current.job !== job) arrived.current = { job, at: performance.now() };
  const [now, setNow] = useState(() => performance.now());
  const running = job.status === 'running';
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return running ? Math.max(0, now - arrived.current.at) / 1000 : 0;
}
