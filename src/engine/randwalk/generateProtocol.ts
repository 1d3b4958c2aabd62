/** Messages between the RAND-WALK generator and its threads. */

export interface GenerateTask {
  /** True vectors (float32, n × d), shared. */
  vectors: SharedArrayBuffer;
  /** The token stream (uint32, tokens long), shared: each thread writes its documents' ranges. */
  tokens: SharedArrayBuffer;
  /** Next document to take (int32 counter, shared): threads take documents in turn. */
  next: SharedArrayBuffer;
  /** Document k covers tokens [starts[k], starts[k + 1]). */
  starts: number[];
  n: number;
  d: number;
  drift: number;
  tokensPerStep: number;
  maxAbsLogit: number;
  seed: number;
}

export type GenerateReply =
  | { type: 'progress'; tokens: number }
  | { type: 'done'; proposed: number; accepted: number }
  | { type: 'error'; message: string };
