/** Messages between the co-occurrence orchestrator and its counting threads. */
export interface CountTask {
  ids: SharedArrayBuffer; // Uint32 training stream
  length: number;
  segStarts: Uint32Array;
  /** This thread's segments: [segFrom, segTo). */
  segFrom: number;
  segTo: number;
  vocab: number;
  window: number;
  weights: Float64Array;
  denseRows: number;
  sparseCapacity: number;
  /** Past this many bytes of runs in memory, runs go to files in spillDir. */
  runBudgetBytes: number;
  spillDir: string;
}

export type RunHandle =
  | { kind: 'memory'; pairs: Float64Array; values: Float32Array }
  | { kind: 'file'; path: string; length: number };

export type CountReply =
  | { type: 'progress'; tokens: number }
  | { type: 'done'; dense: Float64Array; runs: RunHandle[] }
  | { type: 'error'; message: string };
