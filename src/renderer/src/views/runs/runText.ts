/** Words and number formats for runs: statuses, phase names, metric labels, parameter values. */
import type { RunStatus } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';

export const RUN_STATUS_TEXT: Record<RunStatus, string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** What a run that did not finish means for the user, in one sentence. */
export const UNFINISHED_TEXT: Partial<Record<RunStatus, string>> = {
  failed: 'This run failed. No vectors were stored.',
  cancelled: 'This run was cancelled before it finished. No vectors were stored.',
  interrupted: 'This run was interrupted: the lab stopped while it was training. No vectors were stored.',
};

const PHASES: Record<string, string> = {
  svd: 'SVD',
  ppmi: 'PPMI',
  'm*': 'M*',
  eigen: 'Eigenvectors',
  'tf-idf': 'tf-idf',
};

/** The figures a training job reports beside its bar (epoch, loss, speed...), as label and text. */
export function jobFigures(detail: Record<string, number>): { key: string; label: string; text: string }[] {
  const out: { key: string; label: string; text: string }[] = [];
  for (const [key, v] of Object.entries(detail)) {
    if (key === 'epochs' || key === 'ratePerSec' || !Number.isFinite(v)) continue; // the rate is the bar's own, shown as the ETA
    if (key === 'epoch') out.push({ key, label: 'Epoch', text: detail.epochs ? `${fmtInt(v)} / ${fmtInt(detail.epochs)}` : fmtInt(v) });
    else if (key.endsWith('PerSec')) out.push({ key, label: 'Speed', text: `${fmtRate(v)} ${key.slice(0, -6)}/s` });
    else out.push({ key, label: metricLabel(key), text: fmtMetric(key, v) });
  }
  return out;
}

export function phaseName(phase: string): string {
  return PHASES[phase] ?? (phase ? phase[0].toUpperCase() + phase.slice(1) : phase);
}

const METRICS: Record<string, { label: string; format?: (v: number) => string }> = {
  nnz: { label: 'Non-zero entries', format: fmtInt },
  density: { label: 'Density', format: (v) => `${(100 * v).toPrecision(3)}%` },
  cachedCounts: { label: 'Counts from cache', format: (v) => (v ? 'yes' : 'no') },
  topSingularValue: { label: 'Largest singular value σ₁' },
  documents: { label: 'Documents', format: fmtInt },
  negativeEigenvalues: { label: 'Negative eigenvalues found', format: fmtInt },
  computedEigenvalues: { label: 'Eigenvalues computed', format: fmtInt },
  negativeEnergyFraction: { label: 'Share of ‖M*‖² in negative eigenvalues', format: (v) => `${(100 * v).toFixed(1)}%` },
  keptEnergyFraction: { label: 'Share of ‖M*‖² in kept eigenvalues', format: (v) => `${(100 * v).toFixed(1)}%` },
  positiveKept: { label: 'Positive eigenvalues kept', format: fmtInt },
  wordsPerSec: { label: 'Speed', format: (v) => `${fmtRate(v)} words/s` },
  pairsPerSec: { label: 'Speed', format: (v) => `${fmtRate(v)} pairs/s` },
  trainWords: { label: 'Training words', format: fmtInt },
  epochs: { label: 'Epochs', format: fmtInt },
  iterations: { label: 'Iterations', format: fmtInt },
  entries: { label: 'Co-occurrence entries', format: fmtInt },
  finalLoss: { label: 'Final loss' },
  finalCost: { label: 'Final cost per entry' },
  threads: { label: 'Threads used', format: fmtInt },
  nativeKernel: { label: 'Native kernel', format: (v) => (v ? 'yes' : 'no (JavaScript)') },
};

/** 1234567 → "1.23M". */
export function fmtRate(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (v >= 1e3) return `${(v / 1e3).toPrecision(3)}k`;
  return v.toPrecision(3);
}

/** "someMetricName" → "Some metric name", for metrics this view does not know yet. */
const words = (key: string): string => {
  const s = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return s[0].toUpperCase() + s.slice(1);
};

export function metricLabel(key: string): string {
  return METRICS[key]?.label ?? words(key);
}

export function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return fmtInt(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

export function fmtMetric(key: string, v: number): string {
  return (METRICS[key]?.format ?? fmtNumber)(v);
}

export function fmtParam(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
