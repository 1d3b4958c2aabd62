/**
 * Progress reporting for long work. The engine reports through a ProgressSink
 * and never decides who listens; the sink throttles, and computes elapsed time
 * and an ETA from the rate of the current phase.
 */
import type { JobProgress } from '../../shared/contract.js';

export interface ProgressSink {
  /** Starts a phase with `total` units of `unit` (0 when unknown). */
  phase(name: string, total: number, unit: string): void;
  update(done: number, detail?: Record<string, number>): void;
}

export function throttledProgress(emit: (p: JobProgress) => void, intervalMs = 100): ProgressSink & { flush(): void } {
  const t0 = performance.now();
  let phaseStart = t0;
  let last = 0;
  let pending = false;
  const state: JobProgress = { phase: 'starting', done: 0, total: 0, unit: '', detail: {}, elapsed: 0, eta: null };
  const send = (): void => {
    const now = performance.now();
    last = now;
    pending = false;
    state.elapsed = (now - t0) / 1000;
    const phaseSeconds = (now - phaseStart) / 1000;
    state.eta = state.total > 0 && state.done > 0 && phaseSeconds > 0.2
      ? (phaseSeconds * (state.total - state.done)) / state.done
      : null;
    if (phaseSeconds > 0 && state.done > 0) state.detail = { ...state.detail, ratePerSec: state.done / phaseSeconds };
    emit({ ...state, detail: { ...state.detail } });
  };
  return {
    phase(name, total, unit) {
      if (pending) send(); // the previous phase's last figures reach listeners before it is replaced
      phaseStart = performance.now();
      Object.assign(state, { phase: name, total, unit, done: 0, detail: {} });
      send();
    },
    update(done, detail) {
      state.done = done;
      if (detail) state.detail = { ...state.detail, ...detail };
      pending = true;
      if (performance.now() - last >= intervalMs) send();
    },
    flush: send,
  };
}

/** A sink that drops everything, for callers that do not show progress. */
export const noProgress: ProgressSink = { phase() {}, update() {} };
