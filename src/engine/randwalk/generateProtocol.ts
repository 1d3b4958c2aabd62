/** Messages between the RAND-WALK generator and its threads. */
import type { WalkConstants } from './sampler.js';

export interface GenerateTask extends WalkConstants {
  /** True vectors (float32, n × d), shared. */
  vectors: SharedArrayBuffer;
  /** The token stream (uint32, tokens long), shared: each thread writes its documents' ranges. */
  tokens: SharedArrayBuffer;
  /** Next document to take (int32 counter, shared): threads take documents in turn. */
  next: SharedArrayBuffer;
  /** Document k covers tokens [starts[k], starts[k + 1]). */
  starts: number[];
}

export type GenerateReply =
  | { type: 'progress'; tokens: number }
  | { type: 'done'; proposed: number; accepted: number }
  | { type: 'error'; message: string };
