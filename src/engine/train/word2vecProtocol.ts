/** Messages between the word2vec orchestrator and its training threads (all big arrays shared). */
import type { Word2vecArgs } from '../kernels/word2vecKernel.js';

export interface Word2vecSetup {
  /**
   * The kernel's arguments for this thread, built once by the orchestrator; W, C, the stream
   * and the sentence starts are views of shared memory. [sentFrom, sentTo) is the thread's
   * share of the sentences: each call narrows it to one chunk.
   */
  args: Word2vecArgs;
  /** [0]: words read by all threads (BigInt64, Atomics): the learning rate's clock. */
  counter: SharedArrayBuffer;
  /** [0] = 1 asks every thread to stop at the next chunk. */
  stop: SharedArrayBuffer;
}

/**
 * Train a slice of epoch `epoch`: the thread's sentences from `from` on, until its share ends
 * or `budgetMs` have passed (then the orchestrator may take a checkpoint and send the next slice).
 */
export interface Word2vecSlice {
  epoch: number;
  from: number;
  budgetMs: number;
}

export type Word2vecReply =
  | { type: 'progress'; words: number; loss: number; terms: number }
  /** The slice ended: `next` is the first sentence not trained (the share's end when the epoch is done); `rng` the thread's random state. */
  | { type: 'slice'; epoch: number; next: number; rng: bigint }
  | { type: 'error'; message: string };
