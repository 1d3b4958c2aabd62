/** Methods and runs as the contract returns them. */
import type { OptionSpec } from '../options.js';

export interface MethodInfo {
  id: string;
  label: string;
  summary: string;
  options: readonly OptionSpec[];
  /** Offered in the new-run form only where a GPU answers (dynamics.backends); the CLI and the API take it anywhere. */
  offeredWithGpu?: boolean;
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface RunSummary {
  id: number;
  name: string;
  corpusId: number | null;
  corpusName: string | null;
  method: string;
  params: Record<string, unknown>;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  seconds: number | null;
  dim: number | null;
  vocab: number | null;
  /** Seconds per phase, in order. */
  phases: Record<string, number>;
  metrics: Record<string, number>;
  error: string | null;
  /** The last training checkpoint of a run that has not finished: run.resume continues from it. */
  checkpoint: { savedAt: string; progress: string } | null;
}

export interface RunDetail extends RunSummary {
  /** Curves and spectra: name → array of numbers or [x, y] pairs. */
  series: Record<string, number[] | [number, number][]>;
  log: string;
}
