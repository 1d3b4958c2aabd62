/**
 * A dynamics run's stored series read into the shapes the charts draw: curves as
 * x/y columns, the S × d snapshot matrices as one column per mode, the rises with
 * −1 turned into null, and the backend named by the run's log line.
 */
import type { RunDetail, RunSummary } from '../../../../shared/contract.js';
import { DYNAMICS_BACKENDS } from '../../../../shared/types/dynamics.js';

export interface Curve {
  x: number[];
  y: number[];
}

export interface BackendRan {
  id: string;
  /** The device the backend reported ("native CPU kernels, 2 threads"). */
  device: string | null;
  /** Why it was the one (for auto: the timings). */
  why: string | null;
}

export interface DynamicsResult {
  d: number;
  steps: number[];
  loss: Curve;
  excessLoss: Curve;
  effectiveRank: Curve;
  overlap: Curve;
  /** Per mode k, its value at each snapshot. */
  modeEnergy: number[][];
  singularValuesSquared: number[][];
  theoryEnergy: number[][];
  eigenvalues: number[];
  /** null: the theory says the mode never rises (λ ≤ 0), or it did not rise within the run. */
  predictedRise: (number | null)[];
  observedRise: (number | null)[];
}

const numbers = (v: unknown): number[] => (Array.isArray(v) && v.every((n) => typeof n === 'number') ? (v as number[]) : []);

function curve(v: unknown): Curve {
  const pairs = Array.isArray(v) ? (v as unknown[]).filter((p): p is [number, number] => Array.isArray(p) && p.length === 2) : [];
  return { x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) };
}

/** Row-major S × d → d columns of S values. */
function columns(flat: number[], S: number, d: number): number[][] {
  if (flat.length < S * d) return [];
  return Array.from({ length: d }, (_v, k) => Array.from({ length: S }, (_w, i) => flat[i * d + k]));
}

const rise = (v: number): number | null => (v >= 0 && Number.isFinite(v) ? v : null);

/** The run's dynamics, or null when it has no snapshots (not finished, or not a dynamics run). */
export function dynamicsOf(run: RunDetail): DynamicsResult | null {
  const s = run.series;
  const steps = numbers(s.snapshotSteps);
  if (steps.length === 0) return null;
  const eigenvalues = numbers(s.eigenvalues);
  const d = run.metrics.dim ?? eigenvalues.length;
  const S = steps.length;
  return {
    d,
    steps,
    loss: curve(s.loss),
    excessLoss: curve(s.excessLoss),
    effectiveRank: curve(s.effectiveRank),
    overlap: curve(s.overlap),
    modeEnergy: columns(numbers(s.modeEnergy), S, d),
    singularValuesSquared: columns(numbers(s.singularValuesSquared), S, d),
    theoryEnergy: columns(numbers(s.theoryEnergy), S, d),
    eigenvalues,
    predictedRise: numbers(s.predictedRise).map(rise),
    observedRise: numbers(s.observedRise).map(rise),
  };
}

/**
 * The backend from the log's line "backend: native — native CPU kernels, 2 threads (fastest of …)",
 * else from metrics.backendIndex.
 */
export function backendOf(run: Pick<RunDetail, 'log' | 'metrics'>): BackendRan | null {
  const line = run.log.split('\n').find((l) => /^(\[[^\]]*\]\s*)?backend: /.test(l));
  if (line) {
    const text = line.replace(/^(\[[^\]]*\]\s*)?backend: /, '').trim();
    const m = /^(\S+)\s+—\s+(.*?)(?:\s+\(([^()]*)\))?$/.exec(text);
    if (m) return { id: m[1], device: m[2] || null, why: m[3] ?? null };
    return { id: text, device: null, why: null };
  }
  return backendOfSummary(run);
}

/** The backend a run's metrics name (the run list has no log). */
export function backendOfSummary(run: Pick<RunSummary, 'metrics'>): BackendRan | null {
  const i = run.metrics.backendIndex;
  const id = typeof i === 'number' ? DYNAMICS_BACKENDS[i] : undefined;
  return id ? { id, device: null, why: null } : null;
}

/** Up to ten colours that read on the dark panel, one per mode; more modes get a ramp. */
const PALETTE = ['#5aa9e6', '#e0b25a', '#6cc58c', '#f08080', '#b7a9f5', '#4fd1c5', '#f6a5c0', '#c7d36f', '#f4a261', '#8ab4f8'];

export function modeColor(k: number, n: number): string {
  if (n <= PALETTE.length) return PALETTE[k];
  return `hsl(${Math.round(210 + (300 * k) / Math.max(1, n - 1)) % 360}, 62%, 66%)`;
}

/** 1234.5 → "1,235"; rises and steps are shown as whole steps. */
export const fmtStep = (v: number | null): string => (v == null ? '—' : Math.round(v).toLocaleString('en-US'));

/** Signed numbers with a true minus sign and 4 significant digits. */
export function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return s.replace('-', '−');
}
