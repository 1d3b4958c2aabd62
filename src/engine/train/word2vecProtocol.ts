/** Messages between the word2vec orchestrator and its training threads (all big arrays shared). */
export interface Word2vecSetup {
  W: SharedArrayBuffer;
  C: SharedArrayBuffer;
  dim: number;
  aliasProb: Float32Array;
  aliasIdx: Uint32Array;
  keep: Float32Array;
  ids: SharedArrayBuffer;
  /** Bytes per id: 2 when the vocabulary fits 16 bits (half the memory), else 4. */
  idsWidth: 2 | 4;
  idsLength: number;
  sentStarts: SharedArrayBuffer;
  sentences: number;
  /** This thread's sentences: [sentFrom, sentTo). */
  sentFrom: number;
  sentTo: number;
  window: number;
  negative: number;
  alpha0: number;
  minRatio: number;
  totalWords: number;
  cbow: boolean;
  seed: number;
  /** [0]: words read by all threads (BigInt64, Atomics). */
  counter: SharedArrayBuffer;
  /** [0] = 1 asks every thread to stop at the next chunk. */
  stop: SharedArrayBuffer;
}

export type Word2vecReply =
  | { type: 'progress'; words: number; loss: number; terms: number }
  | { type: 'epoch'; epoch: number }
  | { type: 'error'; message: string };
